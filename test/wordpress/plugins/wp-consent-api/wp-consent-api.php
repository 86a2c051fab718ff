<?php
/**
 * Plugin Name: WP Consent API (test stand-in)
 * Description: The public surface of the WP Consent API plugin that Perch uses, for tests
 * where the real plugin cannot be downloaded: wp_has_consent(), wp_add_cookie_info(),
 * the consent_api_registered filter, and the browser's wp_has_consent / wp_set_consent /
 * wp_listen_for_consent_change. Consent lives in wp_consent_{category} cookies, as in the original.
 * Version: 0.0.1
 */

$GLOBALS['wp_consent_api_cookies'] = array();

function wp_has_consent( $category ) {
	return isset( $_COOKIE[ 'wp_consent_' . $category ] ) && 'allow' === $_COOKIE[ 'wp_consent_' . $category ];
}

function wp_add_cookie_info( $name, $plugin_or_service, $category, $expires, $function, $collected_personal_data = '', $member_cookie = false, $administrator_cookie = false, $type = 'HTTP', $domain = false ) {
	$GLOBALS['wp_consent_api_cookies'][ $name ] = compact( 'plugin_or_service', 'category', 'expires', 'function' );
}

function wp_consent_api_stub_script() {
	$js = <<<'JS'
window.wp_consent_type = 'optin';
window.wp_has_consent = function (category) {
  var m = document.cookie.match(new RegExp('(?:^|; )wp_consent_' + category + '=([^;]*)'));
  return m !== null && m[1] === 'allow';
};
window.wp_set_consent = function (category, value) {
  document.cookie = 'wp_consent_' + category + '=' + value + '; path=/';
  var detail = {}; detail[category] = value;
  document.dispatchEvent(new CustomEvent('wp_listen_for_consent_change', { detail: detail }));
};
JS;
	wp_register_script( 'wp-consent-api', false, array(), '0.0.1', false );
	wp_enqueue_script( 'wp-consent-api' );
	wp_add_inline_script( 'wp-consent-api', $js );
}
add_action( 'wp_enqueue_scripts', 'wp_consent_api_stub_script', 1 );
