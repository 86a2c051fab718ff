<?php
/**
 * Settings → Perch: the Settings API page. Every field is sanitised on save; a field set by a
 * `wp-config.php` constant is shown locked; the bearer token is never echoed back.
 * Also the per-post "child-directed" switch, which can only make a post stricter.
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || exit;

/** Settings group and page slug. */
const PERCH_SETTINGS_PAGE = 'perch';

/** Registers the option with its sanitiser, and the per-post child-directed meta. */
function perch_register_settings(): void {
	register_setting(
		PERCH_SETTINGS_PAGE,
		PERCH_OPTION,
		array(
			'type'              => 'object',
			'default'           => array(),
			'sanitize_callback' => 'perch_sanitize_settings',
			'show_in_rest'      => false,
		)
	);
	register_post_meta(
		'',
		'perch_child_directed',
		array(
			'type'              => 'string',
			'single'            => true,
			'show_in_rest'      => true,
			'sanitize_callback' => static fn( $v ) => '1' === (string) $v ? '1' : '',
			'auth_callback'     => static fn( $allowed, $meta_key, $post_id ) => current_user_can( 'edit_post', $post_id ),
		)
	);
}

/**
 * Cleans a submitted settings array. Locked keys and bad values keep the saved value;
 * an empty bearer token field keeps the saved token (it is never shown), `clear` removes it.
 * An unticked checkbox is absent from a form: a missing yes/no key means "off" only for the
 * settings page's own form (it sends `_form`); code that saves some keys keeps the others.
 *
 * @param mixed $input Submitted values.
 * @return array<string, mixed>
 */
function perch_sanitize_settings( $input ): array {
	$saved = get_option( PERCH_OPTION, array() );
	$saved = is_array( $saved ) ? $saved : array();
	$input = is_array( $input ) ? wp_unslash( $input ) : array();
	$clean     = $saved;
	$from_form = ! empty( $input['_form'] );
	foreach ( perch_setting_definitions() as $key => $definition ) {
		if ( perch_setting_locked( $key ) ) {
			continue;
		}
		if ( 'bool' === $definition['kind'] ) {
			if ( $from_form || array_key_exists( $key, $input ) ) {
				$clean[ $key ] = ! empty( $input[ $key ] );
			}
			continue;
		}
		if ( ! array_key_exists( $key, $input ) ) {
			continue;
		}
		if ( 'secret' === $definition['kind'] ) {
			if ( ! empty( $input['x_bearer_token_clear'] ) ) {
				$clean[ $key ] = '';
			} elseif ( '' !== trim( (string) $input[ $key ] ) ) {
				$clean[ $key ] = perch_sanitize_setting( $key, $input[ $key ] );
			}
			continue;
		}
		$value = perch_sanitize_setting( $key, $input[ $key ] );
		if ( null === $value ) {
			add_settings_error( PERCH_OPTION, 'perch_' . $key, sprintf( /* translators: %s: setting name. */ __( 'The value for %s was not valid and was not saved.', 'perch' ), $key ) );
			continue;
		}
		$clean[ $key ] = $value;
	}
	if ( 'server' === ( $clean['data_source'] ?? '' ) && '' === (string) ( $clean['embed_server'] ?? '' ) && ! perch_setting_locked( 'embed_server' ) ) {
		add_settings_error( PERCH_OPTION, 'perch_embed_server', __( 'An embed server URL is needed to use an embed server; the built-in endpoint stays in use.', 'perch' ) );
		$clean['data_source'] = 'built-in';
	}
	return $clean;
}

/** Adds Settings → Perch. */
function perch_add_settings_page(): void {
	add_options_page( __( 'Perch for X embeds', 'perch' ), __( 'Perch', 'perch' ), 'manage_options', PERCH_SETTINGS_PAGE, 'perch_render_settings_page' );
}

/** Declares the page's sections and fields. */
function perch_add_settings_fields(): void {
	$sections = array(
		'perch_data'        => array( __( 'Data', 'perch' ), array( 'data_source', 'embed_server', 'x_bearer_token' ) ),
		'perch_privacy'     => array( __( 'Consent and children', 'perch' ), array( 'consent_mode', 'first_party_before_consent', 'child_directed' ) ),
		'perch_display'     => array( __( 'Display', 'perch' ), array( 'theme' ) ),
		'perch_impressions' => array( __( 'Impressions', 'perch' ), array( 'impressions', 'impressions_threshold', 'alert_levels', 'alert_recipients' ) ),
	);
	foreach ( $sections as $id => list( $title, $keys ) ) {
		add_settings_section( $id, $title, '__return_null', PERCH_SETTINGS_PAGE );
		foreach ( $keys as $key ) {
			add_settings_field(
				'perch_' . $key,
				perch_setting_label( $key ),
				'perch_render_setting_field',
				PERCH_SETTINGS_PAGE,
				$id,
				array(
					'key'       => $key,
					'label_for' => 'perch_' . $key,
				)
			);
		}
	}
}

/**
 * A setting's label.
 *
 * @param string $key Setting key.
 */
function perch_setting_label( string $key ): string {
	$labels = array(
		'data_source'           => __( 'Data source', 'perch' ),
		'embed_server'          => __( 'Embed server URL', 'perch' ),
		'x_bearer_token'        => __( 'X API bearer token', 'perch' ),
		'consent_mode'          => __( 'Consent', 'perch' ),
		'first_party_before_consent' => __( 'Show posts before consent', 'perch' ),
		'child_directed'        => __( 'Directed at children under 13', 'perch' ),
		'theme'                 => __( 'Default theme', 'perch' ),
		'impressions'           => __( 'Count impressions', 'perch' ),
		'impressions_threshold' => __( 'Daily threshold', 'perch' ),
		'alert_levels'          => __( 'Alert at (% of threshold)', 'perch' ),
		'alert_recipients'      => __( 'Alert e-mails to', 'perch' ),
	);
	return $labels[ $key ] ?? $key;
}

/**
 * Labels of a choice setting's values.
 *
 * @param string $key Setting key.
 * @return array<string, string>
 */
function perch_choice_labels( string $key ): array {
	$labels = array(
		'data_source'  => array(
			'built-in' => __( 'Built in (this site answers for posts)', 'perch' ),
			'server'   => __( 'A Perch embed server', 'perch' ),
		),
		'consent_mode' => array(
			'required'     => __( 'Required: ask every visitor', 'perch' ),
			'not-required' => __( 'Not required where this site operates', 'perch' ),
			'auto'         => __( 'Auto: the consent platform decides', 'perch' ),
		),
		'theme'        => array(
			'light' => __( 'Light', 'perch' ),
			'dark'  => __( 'Dark', 'perch' ),
			'auto'  => __( 'Auto (the reader\'s colour scheme)', 'perch' ),
		),
		'impressions'  => array(
			'always'        => __( 'Always (aggregate counts, nothing stored on the device)', 'perch' ),
			'after-consent' => __( 'After consent', 'perch' ),
			'off'           => __( 'Off', 'perch' ),
		),
	);
	return $labels[ $key ] ?? array();
}

/**
 * One field. Locked fields are disabled and name their constant.
 *
 * @param array{key: string} $args Field arguments.
 */
function perch_render_setting_field( array $args ): void {
	$key        = $args['key'];
	$definition = perch_setting_definitions()[ $key ];
	$locked     = perch_setting_locked( $key );
	$name       = PERCH_OPTION . '[' . $key . ']';
	$id         = 'perch_' . $key;
	$disabled   = disabled( $locked, true, false );
	$value      = perch_setting( $key );
	switch ( $definition['kind'] ) {
		case 'choice':
			printf( '<select id="%s" name="%s"%s>', esc_attr( $id ), esc_attr( $name ), $disabled ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- disabled() output.
			foreach ( perch_choice_labels( $key ) as $choice => $label ) {
				printf( '<option value="%s"%s>%s</option>', esc_attr( $choice ), selected( $value, $choice, false ), esc_html( $label ) );
			}
			echo '</select>';
			break;
		case 'bool':
			printf( '<input type="checkbox" id="%s" name="%s" value="1"%s%s>', esc_attr( $id ), esc_attr( $name ), checked( true === $value, true, false ), $disabled ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped
			if ( 'first_party_before_consent' === $key ) {
				echo '<p class="description">' . esc_html__( 'Post text and images served by this site (no cookies, nothing from X) may show before the visitor decides. Video and anything from X\'s hosts always wait.', 'perch' ) . '</p>';
			}
			if ( 'child_directed' === $key ) {
				echo '<p class="description">' . esc_html__( 'Every embed opts out of personalisation by X (dnt), no cookie is set and "Always allow" is not offered. Single posts can also be marked child-directed in the editor.', 'perch' ) . '</p>';
			}
			break;
		case 'secret':
			$stored = '' !== (string) $value;
			printf( '<input type="password" id="%s" name="%s" value="" autocomplete="off" class="regular-text"%s placeholder="%s">', esc_attr( $id ), esc_attr( $name ), $disabled, esc_attr( $stored ? __( 'A token is stored (not shown)', 'perch' ) : '' ) ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped
			if ( $stored && ! $locked ) {
				printf( ' <label><input type="checkbox" name="%s" value="1"> %s</label>', esc_attr( PERCH_OPTION . '[x_bearer_token_clear]' ), esc_html__( 'Remove the stored token', 'perch' ) );
			}
			break;
		default:
			$type = 'int' === $definition['kind'] ? 'number' : ( 'url' === $definition['kind'] ? 'url' : 'text' );
			printf( '<input type="%s" id="%s" name="%s" value="%s" class="regular-text"%s>', esc_attr( $type ), esc_attr( $id ), esc_attr( $name ), esc_attr( (string) $value ), $disabled ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped
	}
	if ( $locked ) {
		$constant = 'data_source' === $key && perch_constant_value( 'PERCH_DATA_SOURCE' ) === null ? 'PERCH_EMBED_SERVER' : $definition['constant'];
		/* translators: %s: a PHP constant name. */
		echo '<p class="description perch-locked">' . esc_html( sprintf( __( 'Set by %s in wp-config.php.', 'perch' ), $constant ) ) . '</p>';
	}
}

/** The settings page. */
function perch_render_settings_page(): void {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	echo '<div class="wrap"><h1>' . esc_html( get_admin_page_title() ) . '</h1><form action="options.php" method="post">';
	settings_fields( PERCH_SETTINGS_PAGE );
	printf( '<input type="hidden" name="%s" value="1">', esc_attr( PERCH_OPTION . '[_form]' ) );
	do_settings_sections( PERCH_SETTINGS_PAGE );
	submit_button();
	echo '</form></div>';
}

/** The per-post child-directed box (classic editor and block editor's meta box area). */
function perch_add_post_meta_box(): void {
	if ( true === perch_setting( 'child_directed' ) ) {
		return; // The whole site already is.
	}
	foreach ( get_post_types( array( 'public' => true ) ) as $type ) {
		add_meta_box( 'perch_child_directed', __( 'X embeds', 'perch' ), 'perch_render_post_meta_box', $type, 'side', 'low' );
	}
}

/**
 * The box's content.
 *
 * @param WP_Post $post Post being edited.
 */
function perch_render_post_meta_box( WP_Post $post ): void {
	wp_nonce_field( 'perch_child_directed', 'perch_child_directed_nonce' );
	printf(
		'<label><input type="checkbox" name="perch_child_directed" value="1"%s> %s</label>',
		checked( '1', get_post_meta( $post->ID, 'perch_child_directed', true ), false ),
		esc_html__( 'This post is directed at children under 13 (embeds opt out of personalisation, no cookie).', 'perch' )
	);
}

/**
 * Saves the box (nonce and capability checked).
 *
 * @param int $post_id Post id.
 */
function perch_save_post_meta_box( int $post_id ): void {
	if ( ! isset( $_POST['perch_child_directed_nonce'] ) || ! wp_verify_nonce( sanitize_key( wp_unslash( $_POST['perch_child_directed_nonce'] ) ), 'perch_child_directed' ) ) {
		return;
	}
	if ( ( defined( 'DOING_AUTOSAVE' ) && DOING_AUTOSAVE ) || ! current_user_can( 'edit_post', $post_id ) ) {
		return;
	}
	if ( ! empty( $_POST['perch_child_directed'] ) ) {
		update_post_meta( $post_id, 'perch_child_directed', '1' );
	} else {
		delete_post_meta( $post_id, 'perch_child_directed' );
	}
}
