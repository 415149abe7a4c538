/** Everything that varies between deployments of the Teams app; the manifest is built from this alone. */
export interface TeamsAppSettings {
  /** Microsoft App ID of the Azure Bot registration (the bot's `MicrosoftAppId`), a GUID. */
  readonly botId: string;
  /** Id of the Teams app itself: a GUID of your own, kept the same across versions of the package. */
  readonly appId: string;
  /** Id of the separate advisor Teams app (the dashboard as a tab), a GUID kept the same across versions. */
  readonly advisorAppId: string;
  /** App version, MAJOR.MINOR.PATCH; Teams wants it raised for every upload of a changed package. */
  readonly version: string;
  /** Public https base URL of the bot, without a trailing slash (`https://coach.example.org`). */
  readonly publicUrl: string;
  /** Who publishes the app, shown on the app's details page. */
  readonly developer: {
    readonly name: string;
    readonly websiteUrl: string;
    readonly privacyUrl: string;
    readonly termsOfUseUrl: string;
  };
  /** Background colour behind the colour icon, `#RRGGBB`. */
  readonly accentColor: string;
  /** Display names that replace the built-in ones in every language (a host's own brand). */
  readonly names?: {
    readonly short?: string;
    readonly full?: string;
  };
  /** Entra application (client) id for single sign-on in the advisor tab; adds `webApplicationInfo` when set. */
  readonly ssoClientId?: string;
}
