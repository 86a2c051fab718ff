<?php
/**
 * Renders one embed for the current output: a Perch element on web pages, a plain
 * blockquote or link in feeds and REST content.
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || exit;

/**
 * A post.
 *
 * @param string               $id          Post id.
 * @param string               $screen_name Author handle when known (for the fallback link).
 * @param array<string, mixed> $attrs       Element attributes.
 */
function perch_render_post( string $id, string $screen_name = '', array $attrs = array() ): string {
	if ( perch_plain_context() ) {
		return perch_plain_post( $id, $screen_name );
	}
	$attrs    = array( 'tweet-id' => $id ) + $attrs;
	$url      = perch_post_url( $id, $screen_name );
	$fallback = '<blockquote class="perch-fallback"><p>' . perch_fallback_link( $url, __( 'View this post on X', 'perch' ) ) . '</p></blockquote>';
	// The editor's preview is inserted by script, where declarative shadow roots are not parsed.
	if ( perch_is_block_renderer_request() ) {
		return perch_element( 'perch-tweet', $attrs, $fallback );
	}
	// With a Perch embed server: its static HTML, readable before (and without) any script.
	$static = perch_static_post_html( $id, $attrs );
	if ( null !== $static ) {
		return perch_static_placeholder( perch_element( 'perch-tweet', $attrs, $fallback ), $static );
	}
	// Its height held from first paint: the cached post's estimate, else a typical post's.
	$kinds   = perch_element_attributes()['perch-tweet'];
	$width   = isset( $attrs['width'] ) ? perch_clean_attribute( $kinds['width'], $attrs['width'] ) : null;
	$reserve = perch_cached_reserve_height( $id, $attrs ) ?? perch_default_reserve_height( is_string( $width ) ? (int) $width : PERCH_RESERVE_DEFAULT_WIDTH );
	return perch_element( 'perch-tweet', $attrs, $fallback, $reserve );
}

/**
 * A post's video.
 *
 * @param string               $id    Post id.
 * @param array<string, mixed> $attrs Element attributes.
 */
function perch_render_video( string $id, array $attrs = array() ): string {
	if ( perch_plain_context() ) {
		return perch_plain_post( $id, '' );
	}
	return perch_element( 'perch-video', array( 'tweet-id' => $id ) + $attrs, perch_fallback_link( perch_post_url( $id ), __( 'Watch this video on X', 'perch' ) ) );
}

/**
 * A timeline.
 *
 * @param array<string, mixed> $attrs Element attributes (a source and options).
 */
function perch_render_timeline( array $attrs ): string {
	$handle = (string) ( $attrs['screen-name'] ?? $attrs['owner-screen-name'] ?? '' );
	$url    = isset( $attrs['slug'] ) ? 'https://x.com/' . rawurlencode( $handle ) . '/lists/' . rawurlencode( (string) $attrs['slug'] ) : 'https://x.com/' . rawurlencode( $handle );
	/* translators: %s: an X handle. */
	$text = sprintf( __( 'Posts by @%s on X', 'perch' ), $handle );
	if ( perch_plain_context() ) {
		return '<p>' . perch_fallback_link( $url, $text ) . '</p>';
	}
	return perch_element( 'perch-timeline', $attrs, perch_fallback_link( $url, $text ) );
}

/**
 * A share, follow, mention or hashtag button.
 *
 * @param string               $tag   Element name.
 * @param array<string, mixed> $attrs Element attributes.
 */
function perch_render_button( string $tag, array $attrs ): string {
	if ( perch_plain_context() ) {
		return ''; // Buttons are interactive only; feeds and e-mails carry none.
	}
	return perch_element( $tag, $attrs );
}
