/** The console's calls for CyberTipline reports, typed by the server's schemas (src/api/cybertip-views.ts). */
import type {
  CyberTipAttemptView,
  CyberTipCaseView,
  CyberTipPreviewView,
} from "../../src/api/cybertip-views.js";
import { call } from "./api.js";

export type { CyberTipAttemptView, CyberTipCaseView, CyberTipPreviewView };

export interface CyberTipInputs {
  incident_type: string;
  report_annotations: string[];
  files: { media_id: string; classification?: string; annotations: string[] }[];
  follow_up_of?: string[];
  additional_info?: string;
}

export const ncmecApi = {
  status: (caseId: number) => call<CyberTipCaseView>("GET", `/v1/cases/${caseId}/cybertip`),
  preview: (caseId: number, inputs: CyberTipInputs) =>
    call<CyberTipPreviewView>("POST", `/v1/cases/${caseId}/cybertip/preview`, inputs),
  submit: (caseId: number, inputs: CyberTipInputs) =>
    call<CyberTipAttemptView>("POST", `/v1/cases/${caseId}/cybertip`, inputs),
};
