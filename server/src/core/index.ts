// import: sms-schedule import, SPEC §9
export { importSiteExport, readSmsVersionOption } from './import';
export type {
  ImportOptions,
  ImportRefusal,
  ImportResult,
  ImportSuccess,
  ImportWarning,
  SmsVersionOptionResult,
} from './import';
