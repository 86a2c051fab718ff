/**
 * IAB GPP (`__gpp`): once `signalStatus` is `ready`, reads which sections apply
 * (EU and Canadian TCF sections mean consent applies) and the US sale, sharing and
 * targeted-advertising opt-outs, which switch tailoring off.
 */
import { attempt, isRecord, watchSource, type StatusListener, type Stop } from './source.js';

/** What GPP says once ready. */
export interface GppAnswer {
  applicableSections: number[];
  /** A consent regime applies: section 2 (tcfeuv2) or 5 (tcfcav1) is applicable. */
  consentApplies: boolean;
  /** The visitor opted out of sale, sharing or targeted advertising in a US section. */
  tailoringOptOut: boolean;
}

type GppCallback = (data: unknown, success: boolean) => void;
type GppApi = (command: string, callback?: GppCallback, parameter?: unknown) => unknown;

const CONSENT_SECTIONS = [2, 5];
const OPT_OUT_FIELDS = ['SaleOptOut', 'SharingOptOut', 'TargetedAdvertisingOptOut'];

/** The page's `__gpp`, when there is one. */
export function findGppApi(): GppApi | undefined {
  const api = (window as unknown as { __gpp?: unknown }).__gpp;
  return typeof api === 'function' ? (api as GppApi) : undefined;
}

function optedOut(section: unknown): boolean {
  if (Array.isArray(section)) return section.some(optedOut);
  if (!isRecord(section)) return false;
  // US sections: 1 = opted out, 2 = did not opt out, 0 = not applicable.
  if (OPT_OUT_FIELDS.some((f) => section[f] === 1)) return true;
  // uspv1 parsed as {OptOutSale: 'Y'}.
  return section['OptOutSale'] === 'Y';
}

/** Reads GPP ping data; undefined until `signalStatus` is `ready`. */
export function readPingData(pingData: unknown): GppAnswer | undefined {
  if (!isRecord(pingData) || pingData['signalStatus'] !== 'ready') return undefined;
  const raw = pingData['applicableSections'];
  const applicableSections = Array.isArray(raw) ? raw.filter((n): n is number => typeof n === 'number' && n > 0) : [];
  const parsed = isRecord(pingData['parsedSections']) ? pingData['parsedSections'] : {};
  const tailoringOptOut = Object.entries(parsed).some(([name, section]) => name.startsWith('us') && optedOut(section));
  return { applicableSections, consentApplies: applicableSections.some((s) => CONSENT_SECTIONS.includes(s)), tailoringOptOut };
}

/** Listens to the GPP CMP. Reports `absent` at once when the page has no `__gpp`. */
export function watchGpp(options: { timeoutMs: number }, onStatus: StatusListener<GppAnswer>): Stop {
  const api = findGppApi();
  if (api === undefined) {
    onStatus({ status: 'absent' });
    return () => undefined;
  }
  return watchSource<GppAnswer>(options.timeoutMs, onStatus, (answer) => {
    let listenerId: unknown;
    const callback: GppCallback = (data, success) => {
      if (success === false || !isRecord(data)) return;
      if (listenerId === undefined) listenerId = data['listenerId'];
      const read = attempt(() => readPingData(data['pingData']));
      if (read !== undefined) answer(read, data['eventName'] === 'sectionChange');
    };
    api('addEventListener', callback);
    return () => {
      if (listenerId !== undefined) attempt(() => api('removeEventListener', () => undefined, listenerId));
    };
  });
}
