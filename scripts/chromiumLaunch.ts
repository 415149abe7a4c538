/**
 * playwright-core turns off third-party storage partitioning (see its chromiumSwitches), which Chrome has shipped on
 * since version 115. Without it a frame on another site gets no localStorage at all, and an embed that keeps its token
 * there looks broken although it works in every user's browser. Chromium takes the last value of a repeated switch,
 * so this list replaces playwright's: the same features, less that one (and less those of Windows and Edge only).
 */
const CHROMIUM_AS_SHIPPED =
  '--disable-features=AvoidUnnecessaryBeforeUnloadCheckSync,DestroyProfileOnBrowserClose,HttpsUpgrades,HttpsFirstBalancedModeAutoEnable,' +
  'LensOverlay,MediaRouter,PaintHolding,AvoidCorsURLLoaderRestartOnRedirect,OptimizationHints,NetworkTimeServiceQuerying,AimEnabled,PreconnectToSearch';

/**
 * How the tests and the embed benchmark start Debian's Chromium (CHROMIUM_PATH or /usr/bin/chromium) through
 * playwright-core's launchPersistentContext: headless, no background network, never a downloaded browser.
 */
export function chromiumLaunchOptions(): { executablePath: string; headless: true; args: string[] } {
  return {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      CHROMIUM_AS_SHIPPED,
    ],
  };
}
