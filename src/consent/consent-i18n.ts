/**
 * The consent notice's strings (placeholder, settings, disclosure) in a few languages;
 * English is the fallback. Kept apart from the widgets' shared strings.
 */
import { baseLanguage } from '../shared/i18n.js';

const en = {
  region: 'Content from {from}',
  notice: '{what} from {from} is not shown until you allow it.',
  explain: 'Loading it lets X collect information about your visit, which X may use for personalisation and interest-based advertising.',
  explainChild: 'Loading it lets X collect information about your visit. This site asks X not to personalise anything.',
  privacy: 'X’s privacy policy',
  optOut: 'How to opt out of X’s personalised ads',
  loadOnce: 'Load this once',
  alwaysAllow: 'Always allow',
  settingsLabel: 'Content from X',
  stateGranted: 'Content from X is allowed on this page.',
  stateStored: 'Content from X is always allowed on this site.',
  stateDenied: 'Content from X is blocked.',
  stateUnknown: 'Content from X loads only when you allow it.',
  stateNotRequired: 'Content from X is shown without asking on this site.',
  childNote: 'This site is for children: nothing is stored on your device and X is asked not to personalise.',
  revoke: 'Withdraw consent',
  allowPage: 'Allow on this page',
  disclosureLabel: 'How embedded posts from X use your data',
  hosts: 'Hosts your browser may contact',
  cookies: 'Cookies',
  noCookies: 'None',
  cookieItem: '{name}: {purpose} Kept {days} days.',
  honours: 'Signals honoured',
  announceLoaded: 'Content from X loaded.',
  announceHidden: 'Content from X hidden until you allow it.',
} as const;

/** Keys of the consent strings. */
export type ConsentMessageKey = keyof typeof en;
type Catalogue = Partial<Record<ConsentMessageKey, string>>;

const catalogues: Record<string, Catalogue> = {
  en,
  es: {
    region: 'Contenido de {from}',
    notice: '{what} de {from} no se muestra hasta que lo permitas.',
    explain: 'Cargarlo permite a X recopilar información sobre tu visita, que X puede usar para personalizar contenido y publicidad basada en intereses.',
    explainChild: 'Cargarlo permite a X recopilar información sobre tu visita. Este sitio pide a X que no personalice nada.',
    privacy: 'Política de privacidad de X',
    optOut: 'Cómo desactivar los anuncios personalizados de X',
    loadOnce: 'Cargar solo esta vez',
    alwaysAllow: 'Permitir siempre',
    settingsLabel: 'Contenido de X',
    stateGranted: 'El contenido de X está permitido en esta página.',
    stateStored: 'El contenido de X está siempre permitido en este sitio.',
    stateDenied: 'El contenido de X está bloqueado.',
    stateUnknown: 'El contenido de X solo se carga cuando lo permites.',
    stateNotRequired: 'En este sitio el contenido de X se muestra sin preguntar.',
    childNote: 'Este sitio es para niños: no se guarda nada en tu dispositivo y se pide a X que no personalice.',
    revoke: 'Retirar el consentimiento',
    allowPage: 'Permitir en esta página',
    disclosureLabel: 'Cómo usan tus datos los posts de X incrustados',
    hosts: 'Servidores que tu navegador puede contactar',
    cookies: 'Cookies',
    noCookies: 'Ninguna',
    cookieItem: '{name}: {purpose} Se conserva {days} días.',
    honours: 'Señales respetadas',
    announceLoaded: 'Contenido de X cargado.',
    announceHidden: 'Contenido de X oculto hasta que lo permitas.',
  },
  fr: {
    region: 'Contenu de {from}',
    notice: '{what} de {from} n’est affiché qu’avec votre accord.',
    explain: 'Le charger permet à X de collecter des informations sur votre visite, que X peut utiliser pour la personnalisation et la publicité ciblée.',
    explainChild: 'Le charger permet à X de collecter des informations sur votre visite. Ce site demande à X de ne rien personnaliser.',
    privacy: 'Politique de confidentialité de X',
    optOut: 'Comment refuser les publicités personnalisées de X',
    loadOnce: 'Charger cette fois',
    alwaysAllow: 'Toujours autoriser',
    settingsLabel: 'Contenu de X',
    stateGranted: 'Le contenu de X est autorisé sur cette page.',
    stateStored: 'Le contenu de X est toujours autorisé sur ce site.',
    stateDenied: 'Le contenu de X est bloqué.',
    stateUnknown: 'Le contenu de X ne se charge qu’avec votre accord.',
    stateNotRequired: 'Sur ce site, le contenu de X s’affiche sans demande.',
    childNote: 'Ce site s’adresse aux enfants : rien n’est enregistré sur votre appareil et X est prié de ne rien personnaliser.',
    revoke: 'Retirer mon accord',
    allowPage: 'Autoriser sur cette page',
    disclosureLabel: 'Comment les posts de X intégrés utilisent vos données',
    hosts: 'Serveurs que votre navigateur peut contacter',
    cookies: 'Cookies',
    noCookies: 'Aucun',
    cookieItem: '{name} : {purpose} Conservé {days} jours.',
    honours: 'Signaux respectés',
    announceLoaded: 'Contenu de X chargé.',
    announceHidden: 'Contenu de X masqué jusqu’à votre accord.',
  },
  de: {
    region: 'Inhalt von {from}',
    notice: '{what} von {from} wird erst angezeigt, wenn Sie es erlauben.',
    explain: 'Beim Laden kann X Informationen über Ihren Besuch erfassen und für Personalisierung und interessenbasierte Werbung nutzen.',
    explainChild: 'Beim Laden kann X Informationen über Ihren Besuch erfassen. Diese Website bittet X, nichts zu personalisieren.',
    privacy: 'Datenschutzerklärung von X',
    optOut: 'So widersprechen Sie personalisierter Werbung auf X',
    loadOnce: 'Einmal laden',
    alwaysAllow: 'Immer erlauben',
    settingsLabel: 'Inhalte von X',
    stateGranted: 'Inhalte von X sind auf dieser Seite erlaubt.',
    stateStored: 'Inhalte von X sind auf dieser Website immer erlaubt.',
    stateDenied: 'Inhalte von X sind blockiert.',
    stateUnknown: 'Inhalte von X werden erst geladen, wenn Sie es erlauben.',
    stateNotRequired: 'Auf dieser Website werden Inhalte von X ohne Nachfrage angezeigt.',
    childNote: 'Diese Website richtet sich an Kinder: Auf Ihrem Gerät wird nichts gespeichert und X wird gebeten, nichts zu personalisieren.',
    revoke: 'Einwilligung widerrufen',
    allowPage: 'Auf dieser Seite erlauben',
    disclosureLabel: 'Wie eingebettete Posts von X Ihre Daten nutzen',
    hosts: 'Server, die Ihr Browser kontaktieren kann',
    cookies: 'Cookies',
    noCookies: 'Keine',
    cookieItem: '{name}: {purpose} Gespeichert für {days} Tage.',
    honours: 'Beachtete Signale',
    announceLoaded: 'Inhalt von X geladen.',
    announceHidden: 'Inhalt von X ausgeblendet, bis Sie ihn erlauben.',
  },
};

/** The consent string `key` in `lang` (English fallback), with `{name}` placeholders filled. */
export function consentMsg(key: ConsentMessageKey, lang: string | undefined, vars: Record<string, string | number> = {}): string {
  const template = catalogues[baseLanguage(lang)]?.[key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** The language to use for an element: its own `lang`, the nearest ancestor's, or the document's. */
export function languageOf(el: Element, own?: string): string | undefined {
  if (own !== undefined && own !== '') return own;
  const found = el.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang;
  return found === '' ? undefined : found;
}
