<?php
/**
 * The WP Consent API (the plugin registers itself and declares its cookie; the browser
 * side reads `marketing` consent) and the suggested privacy-policy text.
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || exit;

/** The one cookie Perch may set: the visitor's remembered choice. */
const PERCH_CONSENT_COOKIE = 'perch_consent';

/** Plugin basename the Consent API knows this plugin by. */
function perch_plugin_basename(): string {
	return plugin_basename( PERCH_PLUGIN_FILE );
}

/** Declares the consent cookie to the WP Consent API (when that plugin is active). */
function perch_declare_cookies(): void {
	if ( ! function_exists( 'wp_add_cookie_info' ) || true === perch_setting( 'child_directed' ) ) {
		return; // Child-directed sites never set the cookie.
	}
	wp_add_cookie_info(
		PERCH_CONSENT_COOKIE,
		__( 'Perch for X embeds', 'perch' ),
		'functional',
		__( '180 days', 'perch' ),
		__( 'Remembers whether the visitor allowed content from X (posts, timelines, video).', 'perch' ),
		false,
		false,
		false
	);
}

/** Suggested privacy-policy text, from the same disclosure the widgets show. */
function perch_privacy_policy_text(): string {
	$text  = '<h2>' . esc_html__( 'Embedded content from X (Twitter)', 'perch' ) . '</h2>';
	$text .= '<p>' . esc_html__( 'Posts, timelines and videos from X are shown by this site itself. Nothing is requested from X and nothing is stored on your device until you allow content from X. If you allow it, your browser may load images and video from X\'s hosts (pbs.twimg.com, video.twimg.com, abs.twimg.com), and X may collect data about you, including for interest-based advertising and personalisation, under its own privacy policy: https://x.com/privacy. You can opt out of personalisation in X\'s settings: https://x.com/settings/privacy_and_safety.', 'perch' ) . '</p>';
	$text .= '<p>' . esc_html__( 'Your choice can be remembered in one first-party cookie, perch_consent, for 180 days. Do Not Track and Global Privacy Control are honoured as an opt-out of personalisation by X.', 'perch' ) . '</p>';
	if ( perch_child_directed() ) {
		$text .= '<p>' . esc_html__( 'This site is directed at children under 13: every embed opts out of personalisation by X and no cookie is set.', 'perch' ) . '</p>';
	}
	$text .= '<p>' . esc_html__( 'This site counts how many times embedded posts are shown, as daily totals only: no visitor identifiers and no IP addresses are stored.', 'perch' ) . '</p>';
	return $text;
}

/** Offers the privacy-policy text on Settings → Privacy. */
function perch_add_privacy_policy_content(): void {
	if ( function_exists( 'wp_add_privacy_policy_content' ) ) {
		wp_add_privacy_policy_content( __( 'Perch for X embeds', 'perch' ), wp_kses_post( perch_privacy_policy_text() ) );
	}
}
