import { entra, entra2020 } from './profiles/entra.ts';
import { okta } from './profiles/okta.ts';
import { oktaAiw } from './profiles/okta-aiw.ts';
import { rfc } from './profiles/rfc.ts';
import type { Profile, ProfileName } from './step.ts';

export const PROFILES: Readonly<Record<ProfileName, Profile>> = {
  okta,
  'okta-aiw': oktaAiw,
  entra,
  'entra-2020': entra2020,
  rfc,
};
