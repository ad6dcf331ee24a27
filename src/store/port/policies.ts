/** A tenant's policy document as stored: the JSON object that was set, unparsed (`{}`: none). */
export type PolicyJson = Readonly<Record<string, unknown>>;

export interface PolicyReads {
  /** The tenant's policy document; undefined when the tenant does not exist. */
  get(): Promise<PolicyJson | undefined>;
}

export interface PolicyWrites {
  /** Replaces the tenant's policy document; false when the tenant does not exist. */
  set(document: PolicyJson): Promise<boolean>;
}
