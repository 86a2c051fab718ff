<?php
/**
 * Blocks (block.json in ../blocks/), rendered on the server with the same markup as the front
 * end, so the editor's preview (ServerSideRender) is the real widget. The editor script is plain
 * JavaScript on WordPress's globals: no build step.
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || exit;

/**
 * Block name => the element it renders.
 *
 * @return array<string, string>
 */
function perch_block_elements(): array {
	return array(
		'post'             => 'perch-tweet',
		'timeline'         => 'perch-timeline',
		'video'            => 'perch-video',
		'share'            => 'perch-share-button',
		'follow'           => 'perch-follow-button',
		'mention'          => 'perch-mention-button',
		'hashtag'          => 'perch-hashtag-button',
		'consent-settings' => 'perch-consent-settings',
	);
}

/** The block API version this core understands best (3 from WordPress 6.3; 6.1 and 6.2 get 2). */
function perch_block_api_version(): int {
	return version_compare( get_bloginfo( 'version' ), '6.3', '>=' ) ? 3 : 2;
}

/**
 * Sets the feature-detected API version on Perch's block.json metadata.
 *
 * @param array<string, mixed> $metadata block.json contents.
 * @return array<string, mixed>
 */
function perch_block_metadata( array $metadata ): array {
	if ( str_starts_with( (string) ( $metadata['name'] ?? '' ), 'perch/' ) ) {
		$metadata['apiVersion'] = perch_block_api_version();
	}
	return $metadata;
}

/** Registers the editor script and every block. */
function perch_register_blocks(): void {
	if ( ! function_exists( 'register_block_type' ) ) {
		return;
	}
	wp_register_script(
		'perch-blocks-editor',
		plugins_url( 'blocks/editor.js', PERCH_PLUGIN_FILE ),
		array( 'wp-blocks', 'wp-element', 'wp-components', 'wp-block-editor', 'wp-server-side-render', 'wp-i18n', 'wp-data' ),
		PERCH_VERSION,
		true
	);
	foreach ( array_keys( perch_block_elements() ) as $name ) {
		register_block_type(
			PERCH_PLUGIN_DIR . 'blocks/' . $name,
			array( 'render_callback' => static fn( array $attributes ): string => perch_render_block( $name, $attributes ) )
		);
	}
}

/**
 * Block attributes (camelCase) as element attributes (kebab-case); empty values dropped.
 *
 * @param array<string, mixed> $attributes Block attributes.
 * @return array<string, mixed>
 */
function perch_block_to_element_attributes( array $attributes ): array {
	$out = array();
	foreach ( $attributes as $key => $value ) {
		if ( '' === $value || null === $value || false === $value ) {
			continue;
		}
		$out[ strtolower( (string) preg_replace( '/[A-Z]/', '-$0', (string) $key ) ) ] = $value;
	}
	return $out;
}

/**
 * Renders one block.
 *
 * @param string               $name       Block name without the namespace.
 * @param array<string, mixed> $attributes Block attributes.
 */
function perch_render_block( string $name, array $attributes ): string {
	$attrs = perch_block_to_element_attributes( $attributes );
	$html  = '';
	switch ( $name ) {
		case 'post':
		case 'video':
			$source = (string) ( $attrs['tweet-id'] ?? $attrs['url'] ?? '' );
			$id     = perch_post_id_from( $source );
			if ( null === $id ) {
				break;
			}
			$post = perch_parse_post_url( (string) ( $attrs['url'] ?? '' ) );
			unset( $attrs['url'], $attrs['tweet-id'] );
			$html = 'post' === $name ? perch_render_post( $id, $post['screen_name'] ?? '', $attrs ) : perch_render_video( $id, $attrs );
			break;
		case 'timeline':
			$from_url = perch_parse_timeline_url( (string) ( $attrs['url'] ?? '' ) );
			unset( $attrs['url'] );
			$attrs = ( $from_url ?? array() ) + $attrs;
			if ( ! isset( $attrs['screen-name'] ) && ! isset( $attrs['user-id'] ) && ! isset( $attrs['list-id'] ) && ! ( isset( $attrs['owner-screen-name'] ) && isset( $attrs['slug'] ) ) ) {
				break;
			}
			$html = perch_render_timeline( $attrs );
			break;
		case 'consent-settings':
			$html = perch_plain_context() ? '' : perch_element( 'perch-consent-settings', array() );
			break;
		default:
			$html = perch_render_button( perch_block_elements()[ $name ] ?? '', $attrs );
	}
	if ( '' === $html ) {
		return '';
	}
	$wrapper = function_exists( 'get_block_wrapper_attributes' ) ? get_block_wrapper_attributes( array( 'class' => 'wp-block-perch' ) ) : 'class="wp-block-perch"';
	return '<div ' . $wrapper . '>' . $html . '</div>';
}

/** In the block editor, the loader and the page configuration, so previews are the real widgets. */
function perch_enqueue_editor_assets(): void {
	wp_register_script( 'perch', perch_asset_url( 'perch.js' ), array(), PERCH_VERSION, false );
	wp_add_inline_script( 'perch', 'window.PerchConfig=Object.assign(' . wp_json_encode( perch_script_config() + array( 'server' => perch_server_url(), 'theme' => (string) perch_setting( 'theme' ) ) ) . ',window.PerchConfig||{});', 'before' );
	wp_enqueue_script( 'perch' );
	wp_add_inline_script( 'perch-blocks-editor', 'window.perchBlocks=' . wp_json_encode( array( 'postUrlPattern' => '^https?://(?:www\\.|mobile\\.)?(?:twitter|x)\\.com/(?:\\w{1,15}|i/web|i)/status(?:es)?/(\\d{1,20})' ) ) . ';', 'before' );
}
