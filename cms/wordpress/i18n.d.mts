/** Types of i18n.mjs (the plugin's translation template and text-domain check), for the tests. */

/** The plugin's text domain. */
export declare const TEXT_DOMAIN: 'perch';

/** One gettext call found in the sources. */
export interface GettextCall {
  file: string;
  line: number;
  fn: string;
  /** The literal text domain, or null when there is none. */
  domain: string | null;
}

/** The plugin's PHP files, relative to `pluginDir`. */
export declare function phpSources(pluginDir: string): string[];
/** The editor scripts, relative to `pluginDir`. */
export declare function jsSources(pluginDir: string): string[];
/** Every gettext call in the PHP sources, read with PHP's tokenizer. */
export declare function phpGettextCalls(pluginDir: string): GettextCall[];
/** Every `wp.i18n` call in the editor scripts. */
export declare function jsGettextCalls(pluginDir: string): GettextCall[];
/** Gettext calls whose text domain is not `perch`, one line each. */
export declare function textDomainProblems(pluginDir: string): string[];
/** Writes the translation template; throws when a call uses another text domain. */
export declare function writePot(pluginDir: string, outFile: string, version: string): void;
/** The plugin's version, from perch.php. */
export declare function pluginVersion(pluginDir: string): string;
