/**
 * IAB TCF v2.2 (`__tcfapi`): acts only on `tcloaded` and `useractioncomplete`.
 * Content needs purpose 1 plus the configured vendor's consent (or, without a vendor
 * id, publisher consent for purpose 1); tailoring needs purposes 3 and 4 as well.
 */
import { attempt, isRecord, watchSource, type StatusListener, type Stop } from './source.js';

/** What a TC string says, once loaded. */
export interface TcfAnswer {
  /** `gdprApplies` as the CMP reported it (undefined when it did not say). */
  gdprApplies: boolean | undefined;
  /** Purpose 1 (store and access) with vendor or publisher consent. */
  content: boolean;
  /** Purposes 3 and 4 (personalised advertising profile) as well. */
  tailoring: boolean;
}

type TcfCallback = (tcData: unknown, success: boolean) => void;
type TcfApi = (command: string, version: number, callback: TcfCallback, parameter?: unknown) => void;

/** The page's `__tcfapi`, when there is one. */
export function findTcfApi(): TcfApi | undefined {
  const api = (window as unknown as { __tcfapi?: unknown }).__tcfapi;
  return typeof api === 'function' ? (api as TcfApi) : undefined;
}

function consents(section: unknown, key: 'consents'): Record<string, unknown> {
  if (!isRecord(section)) return {};
  const c = section[key];
  return isRecord(c) ? c : {};
}

/** Reads a tcData object; undefined for events Perch does not act on or malformed data. */
export function readTcData(tcData: unknown, vendorId: number | undefined): { answer: TcfAnswer; userAction: boolean } | undefined {
  if (!isRecord(tcData)) return undefined;
  const status = tcData['eventStatus'];
  if (status !== 'tcloaded' && status !== 'useractioncomplete') return undefined;
  const purposes = consents(tcData['purpose'], 'consents');
  const vendors = consents(tcData['vendor'], 'consents');
  const publisher = consents(tcData['publisher'], 'consents');
  const has = (rec: Record<string, unknown>, id: number): boolean => rec[String(id)] === true;
  const party = (id: number): boolean => (vendorId !== undefined ? has(vendors, vendorId) : has(publisher, id));
  const content = has(purposes, 1) && party(1);
  const tailoring = content && has(purposes, 3) && has(purposes, 4) && (vendorId !== undefined ? has(vendors, vendorId) : has(publisher, 3) && has(publisher, 4));
  const applies = tcData['gdprApplies'];
  return {
    answer: { gdprApplies: typeof applies === 'boolean' ? applies : undefined, content, tailoring },
    userAction: status === 'useractioncomplete',
  };
}

/** Listens to the TCF CMP. Reports `absent` at once when the page has no `__tcfapi`. */
export function watchTcf(options: { timeoutMs: number; vendorId: number | undefined }, onStatus: StatusListener<TcfAnswer>): Stop {
  const api = findTcfApi();
  if (api === undefined) {
    onStatus({ status: 'absent' });
    return () => undefined;
  }
  return watchSource<TcfAnswer>(options.timeoutMs, onStatus, (answer) => {
    let listenerId: unknown;
    const callback: TcfCallback = (tcData, success) => {
      if (success === false) return;
      if (isRecord(tcData) && listenerId === undefined) listenerId = tcData['listenerId'];
      const read = attempt(() => readTcData(tcData, options.vendorId));
      if (read !== undefined) answer(read.answer, read.userAction);
    };
    api('addEventListener', 2, callback);
    return () => {
      if (listenerId !== undefined) attempt(() => api('removeEventListener', 2, () => undefined, listenerId));
    };
  });
}
