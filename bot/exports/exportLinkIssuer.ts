/** Gives out a short-lived link token to a learner's export; the web adapter that serves the links implements it. */
export interface ExportLinkIssuer {
  issue(learnerId: string, organisationId: string): { readonly token: string; readonly minutes: number };
}
