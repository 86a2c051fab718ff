<?php
/**
 * Builds Perch's custom elements from PHP arrays: the one place where block, shortcode
 * and embed attributes become HTML. Values are escaped here, late.
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || exit;

/**
 * Attributes each element accepts, with their kind (`string`, `int`, `bool`, `choice:a|b`).
 *
 * @return array<string, array<string, string>>
 */
function perch_element_attributes(): array {
	$common = array(
		'theme' => 'choice:light|dark|auto',
		'dnt'   => 'bool',
	);
	return array(
		'perch-tweet'          => array(
			'tweet-id'   => 'id',
			'width'      => 'int',
			'align'      => 'choice:left|center|right',
			'hide-cards' => 'bool',
			'hide-thread' => 'bool',
			'lang'       => 'lang',
		) + $common,
		'perch-timeline'       => array(
			'screen-name'       => 'handle',
			'user-id'           => 'id',
			'list-id'           => 'id',
			'owner-screen-name' => 'handle',
			'slug'              => 'slug',
			'tweet-limit'       => 'int',
			'height'            => 'int',
			'width'             => 'int',
			'chrome'            => 'chrome',
			'show-replies'      => 'bool',
			'border-color'      => 'color',
			'live-region'       => 'choice:polite|assertive',
			'lang'              => 'lang',
		) + $common,
		'perch-video'          => array(
			'tweet-id' => 'id',
			'autoplay' => 'choice:off|in-view',
			'dnt'      => 'bool',
		),
		'perch-share-button'   => array(
			'text'     => 'string',
			'url'      => 'url',
			'hashtags' => 'hashtags',
			'via'      => 'handle',
			'related'  => 'string',
			'size'     => 'choice:small|large',
		) + $common,
		'perch-follow-button'  => array(
			'screen-name'      => 'handle',
			'hide-screen-name' => 'bool',
			'size'             => 'choice:small|large',
		) + $common,
		'perch-mention-button' => array(
			'screen-name' => 'handle',
			'text'        => 'string',
			'related'     => 'string',
			'size'        => 'choice:small|large',
		) + $common,
		'perch-hashtag-button' => array(
			'hashtag' => 'hashtag',
			'text'    => 'string',
			'url'     => 'url',
			'related' => 'string',
			'size'    => 'choice:small|large',
		) + $common,
		'perch-consent-settings' => array(),
		'perch-disclosure'       => array(),
	);
}

/**
 * Cleans one attribute value by kind; null drops the attribute.
 *
 * @param string $kind  Kind from perch_element_attributes().
 * @param mixed  $value Raw value.
 * @return string|bool|null
 */
function perch_clean_attribute( string $kind, $value ) {
	if ( null === $value || false === $value ) {
		return null;
	}
	if ( 'bool' === $kind ) {
		if ( is_bool( $value ) ) {
			return $value ? true : null;
		}
		return in_array( strtolower( trim( (string) $value ) ), array( '1', 'true', 'on', 'yes' ), true ) ? true : null;
	}
	if ( ! is_scalar( $value ) ) {
		return null;
	}
	$value = trim( (string) $value );
	if ( '' === $value ) {
		return null;
	}
	if ( str_starts_with( $kind, 'choice:' ) ) {
		$value = strtolower( $value );
		return in_array( $value, explode( '|', substr( $kind, 7 ) ), true ) ? $value : null;
	}
	switch ( $kind ) {
		case 'id':
			return preg_match( '/^\d{1,20}$/', $value ) ? $value : null;
		case 'int':
			$number = filter_var( $value, FILTER_VALIDATE_INT, array( 'options' => array( 'min_range' => 1, 'max_range' => 100000 ) ) );
			return false === $number ? null : (string) $number;
		case 'handle':
			$value = ltrim( $value, '@' );
			return preg_match( '/^\w{1,15}$/', $value ) ? $value : null;
		case 'slug':
			return preg_match( '/^[\w-]{1,25}$/', $value ) ? $value : null;
		case 'hashtag':
			$value = ltrim( $value, '#' );
			return preg_match( '/^[\p{L}\p{N}_]{1,139}$/u', $value ) ? $value : null;
		case 'hashtags':
			$tags = array_filter( array_map( static fn( $t ) => perch_clean_attribute( 'hashtag', $t ), explode( ',', $value ) ) );
			return array() === $tags ? null : implode( ',', $tags );
		case 'url':
			$url = esc_url_raw( $value, array( 'http', 'https' ) );
			return '' === $url ? null : $url;
		case 'color':
			return preg_match( '/^#[0-9a-fA-F]{3,8}$/', $value ) ? $value : null;
		case 'lang':
			return preg_match( '/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/', $value ) ? strtolower( $value ) : null;
		case 'chrome':
			$words = array_intersect( preg_split( '/\s+/', strtolower( $value ) ) ?: array(), array( 'noheader', 'nofooter', 'noborders', 'transparent', 'noscrollbar' ) );
			return array() === $words ? null : implode( ' ', array_unique( $words ) );
		case 'string':
			return sanitize_text_field( $value );
	}
	return null;
}

/**
 * The HTML of one Perch element. Unknown attributes are dropped, values cleaned and escaped;
 * boolean attributes are written by presence. `$inner` is trusted HTML (the fallback markup).
 *
 * @param string               $tag   Element name (a key of perch_element_attributes()).
 * @param array<string, mixed> $attrs Attribute name => value.
 * @param string               $inner Fallback HTML shown until the element renders.
 * @param int|null             $reserve_height Pixels to reserve while the element loads (`--perch-reserve-height`).
 */
function perch_element( string $tag, array $attrs, string $inner = '', ?int $reserve_height = null ): string {
	$known = perch_element_attributes();
	if ( ! isset( $known[ $tag ] ) ) {
		return '';
	}
	if ( isset( $known[ $tag ]['dnt'] ) && perch_child_directed() ) {
		$attrs['dnt'] = true; // Under-13 sites: every element opts out of tailoring.
	}
	$html = '<' . $tag;
	foreach ( $known[ $tag ] as $name => $kind ) {
		if ( ! array_key_exists( $name, $attrs ) ) {
			continue;
		}
		$value = perch_clean_attribute( $kind, $attrs[ $name ] );
		if ( true === $value ) {
			$html .= ' ' . $name;
		} elseif ( is_string( $value ) ) {
			$html .= ' ' . $name . '="' . esc_attr( $value ) . '"';
		}
	}
	if ( null !== $reserve_height && $reserve_height > 0 ) {
		$html .= ' style="--perch-reserve-height:' . (int) $reserve_height . 'px"';
	}
	return $html . '>' . $inner . '</' . $tag . '>';
}

/**
 * A plain link for no-JavaScript readers, used as an element's fallback.
 *
 * @param string $url  Link target.
 * @param string $text Link text.
 */
function perch_fallback_link( string $url, string $text ): string {
	return '<a href="' . esc_url( $url ) . '">' . esc_html( $text ) . '</a>';
}
