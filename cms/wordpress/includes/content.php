<?php
/**
 * Old content that holds X's pasted `<blockquote class="twitter-tweet">` plus its widgets.js
 * script tag: the script tag is removed from the output, Perch's loader upgrades the blockquote.
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || exit;

/** Matches a script tag that loads X's widgets.js (any host X served it from, any attribute order). */
const PERCH_X_SCRIPT_PATTERN = '#<script\b[^>]*\bsrc\s*=\s*["\']?(?:https?:)?//(?:platform\.twitter\.com|platform\.x\.com|x\.com|twitter\.com)/widgets\.js[^>]*>\s*</script>\s*#i';

/**
 * Removes X's widgets.js script tags from content.
 *
 * @param string $content Post content.
 */
function perch_strip_x_script( string $content ): string {
	if ( ! str_contains( $content, 'widgets.js' ) ) {
		return $content;
	}
	return preg_replace( PERCH_X_SCRIPT_PATTERN, '', $content ) ?? $content;
}

/**
 * Stops anything else on the site (a theme, another plugin) from enqueuing X's widgets.js.
 *
 * @param string $tag The script tag.
 * @param string $handle Its handle.
 * @param string $src Its source.
 */
function perch_block_x_enqueued_script( string $tag, string $handle, string $src ): string {
	return preg_match( '#^(?:https?:)?//platform\.(?:twitter|x)\.com/widgets\.js#i', $src ) ? '' : $tag;
}
