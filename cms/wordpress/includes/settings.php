<?php
/**
 * The plugin's settings: one option (`perch_settings`), each key overridable by a
 * `wp-config.php` constant that wins and locks the field on the settings page.
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || exit;

/** Option name holding every setting. */
const PERCH_OPTION = 'perch_settings';

/**
 * Every setting: its default, its constant and its kind.
 *
 * @return array<string, array{default: mixed, constant: string, kind: string, choices?: list<string>}>
 */
function perch_setting_definitions(): array {
	return array(
		'data_source'          => array(
			'default'  => 'built-in',
			'constant' => 'PERCH_DATA_SOURCE',
			'kind'     => 'choice',
			'choices'  => array( 'built-in', 'server' ),
		),
		'embed_server'         => array(
			'default'  => '',
			'constant' => 'PERCH_EMBED_SERVER',
			'kind'     => 'url',
		),
		'x_bearer_token'       => array(
			'default'  => '',
			'constant' => 'PERCH_X_BEARER_TOKEN',
			'kind'     => 'secret',
		),
		'consent_mode'         => array(
			'default'  => 'required',
			'constant' => 'PERCH_CONSENT_MODE',
			'kind'     => 'choice',
			'choices'  => array( 'required', 'not-required', 'auto' ),
		),
		'first_party_before_consent' => array(
			'default'  => true,
			'constant' => 'PERCH_FIRST_PARTY_BEFORE_CONSENT',
			'kind'     => 'bool',
		),
		'child_directed'       => array(
			'default'  => false,
			'constant' => 'PERCH_CHILD_DIRECTED',
			'kind'     => 'bool',
		),
		'theme'                => array(
			'default'  => 'light',
			'constant' => 'PERCH_THEME',
			'kind'     => 'choice',
			'choices'  => array( 'light', 'dark', 'auto' ),
		),
		'impressions'          => array(
			'default'  => 'always',
			'constant' => 'PERCH_IMPRESSIONS',
			'kind'     => 'choice',
			'choices'  => array( 'always', 'after-consent', 'off' ),
		),
		'impressions_threshold' => array(
			'default'  => 10000000,
			'constant' => 'PERCH_IMPRESSIONS_THRESHOLD',
			'kind'     => 'int',
		),
		'alert_levels'         => array(
			'default'  => '50,80,100',
			'constant' => 'PERCH_ALERT_LEVELS',
			'kind'     => 'levels',
		),
		'alert_recipients'     => array(
			'default'  => '',
			'constant' => 'PERCH_ALERT_RECIPIENTS',
			'kind'     => 'emails',
		),
	);
}

/**
 * Whether a `wp-config.php` constant sets this setting (and locks its field).
 *
 * @param string $key Setting key.
 */
function perch_setting_locked( string $key ): bool {
	$definitions = perch_setting_definitions();
	if ( ! isset( $definitions[ $key ] ) ) {
		return false;
	}
	if ( 'data_source' === $key && perch_constant_value( 'PERCH_EMBED_SERVER' ) !== null ) {
		return true; // A configured embed server decides the data source.
	}
	return perch_constant_value( $definitions[ $key ]['constant'] ) !== null;
}

/**
 * A constant's value when it is defined and not empty.
 *
 * @param string $name Constant name.
 * @return mixed|null
 */
function perch_constant_value( string $name ) {
	if ( ! defined( $name ) ) {
		return null;
	}
	$value = constant( $name );
	return ( '' === $value || null === $value ) ? null : $value;
}

/**
 * One setting's effective value: the constant, else the saved option, else the default.
 *
 * @param string $key Setting key.
 * @return mixed
 */
function perch_setting( string $key ) {
	$definitions = perch_setting_definitions();
	if ( ! isset( $definitions[ $key ] ) ) {
		return null;
	}
	$definition = $definitions[ $key ];
	if ( 'data_source' === $key && perch_constant_value( 'PERCH_EMBED_SERVER' ) !== null && perch_constant_value( 'PERCH_DATA_SOURCE' ) === null ) {
		return 'server';
	}
	$constant = perch_constant_value( $definition['constant'] );
	if ( null !== $constant ) {
		$clean = perch_sanitize_setting( $key, $constant );
		return null === $clean ? $definition['default'] : $clean;
	}
	$saved = get_option( PERCH_OPTION, array() );
	if ( is_array( $saved ) && array_key_exists( $key, $saved ) ) {
		return $saved[ $key ];
	}
	if ( 'alert_recipients' === $key ) {
		return (string) get_option( 'admin_email', '' );
	}
	return $definition['default'];
}

/**
 * Cleans one submitted value; null when it is not acceptable.
 *
 * @param string $key   Setting key.
 * @param mixed  $value Submitted value.
 * @return mixed|null
 */
function perch_sanitize_setting( string $key, $value ) {
	$definitions = perch_setting_definitions();
	if ( ! isset( $definitions[ $key ] ) ) {
		return null;
	}
	$definition = $definitions[ $key ];
	switch ( $definition['kind'] ) {
		case 'choice':
			$value = is_string( $value ) ? strtolower( trim( $value ) ) : '';
			return in_array( $value, $definition['choices'], true ) ? $value : null;
		case 'bool':
			if ( is_bool( $value ) ) {
				return $value;
			}
			return in_array( strtolower( trim( (string) $value ) ), array( '1', 'true', 'on', 'yes' ), true );
		case 'int':
			$number = filter_var( $value, FILTER_VALIDATE_INT, array( 'options' => array( 'min_range' => 1 ) ) );
			return false === $number ? null : $number;
		case 'url':
			$value = trim( (string) $value );
			if ( '' === $value ) {
				return '';
			}
			$url = esc_url_raw( $value, array( 'http', 'https' ) );
			return '' === $url ? null : untrailingslashit( $url );
		case 'secret':
			return trim( sanitize_text_field( (string) $value ) );
		case 'levels':
			$levels = array();
			foreach ( explode( ',', (string) $value ) as $part ) {
				$level = filter_var( trim( $part ), FILTER_VALIDATE_INT, array( 'options' => array( 'min_range' => 1, 'max_range' => 1000 ) ) );
				if ( false !== $level ) {
					$levels[] = $level;
				}
			}
			$levels = array_values( array_unique( $levels ) );
			sort( $levels );
			return array() === $levels ? null : implode( ',', $levels );
		case 'emails':
			$emails = array();
			foreach ( preg_split( '/[\s,;]+/', (string) $value ) ?: array() as $part ) {
				$email = sanitize_email( $part );
				if ( '' !== $email && is_email( $email ) ) {
					$emails[] = $email;
				}
			}
			return implode( ', ', array_unique( $emails ) );
	}
	return null;
}

/**
 * The embed server base URL the widgets talk to: the configured Perch embed server,
 * or this site's own REST endpoint (`/wp-json/perch`, whose routes are `/v1/…`).
 */
function perch_server_url(): string {
	if ( 'server' === perch_setting( 'data_source' ) ) {
		$server = (string) perch_setting( 'embed_server' );
		if ( '' !== $server ) {
			return $server;
		}
	}
	// Without pretty permalinks rest_url() is a `?rest_route=` URL, which cannot take appended paths.
	return function_exists( 'perch_rest_base_url' ) ? perch_rest_base_url() : untrailingslashit( rest_url( 'perch' ) );
}

/**
 * Whether the site, or this post, is child-directed (under 13). A post can only make it stricter.
 *
 * @param int|null $post_id Post being shown, if any.
 */
function perch_child_directed( ?int $post_id = null ): bool {
	if ( true === perch_setting( 'child_directed' ) ) {
		return true;
	}
	if ( null === $post_id ) {
		// Query tags only mean something once the main query ran.
		$post_id = did_action( 'wp' ) && is_singular() ? (int) get_queried_object_id() : 0;
	}
	return $post_id > 0 && '1' === get_post_meta( $post_id, 'perch_child_directed', true );
}
