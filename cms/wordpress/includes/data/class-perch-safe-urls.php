<?php
/**
 * The URLs a post model may carry, enforced where models are made: media only on X's media hosts
 * over https, links only http(s). What does not fit is dropped, never passed on. A port of
 * src/data/media-url.ts and src/data/safe-urls.ts.
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || defined( 'PERCH_CLI' ) || exit;

/** URL checks shared by the normalizers and the media proxy. */
final class Perch_Safe_Urls {
	/** Hosts whose media the endpoint proxies (and nothing else). */
	public const X_MEDIA_HOSTS = array( 'pbs.twimg.com', 'video.twimg.com', 'abs.twimg.com', 'ton.twimg.com' );

	/** X's default avatar, used when a post's own avatar URL is not allowed. */
	public const DEFAULT_AVATAR_URL = 'https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png';

	/** True when `$url` is an https URL on one of X's media hosts (default port, no credentials). */
	public static function is_x_media_url( string $url ): bool {
		if ( ! preg_match( '#^https://([^/?\#@:\\\\\s]+)(:443)?([/?\#]|$)#Di', $url, $m ) || preg_match( '/[\s\\\\]/', $url ) ) {
			return false;
		}
		return in_array( strtolower( $m[1] ), self::X_MEDIA_HOSTS, true );
	}

	/** True when `$url` is an absolute http: or https: URL with a host. */
	public static function is_http_url( string $url ): bool {
		if ( ! preg_match( '#^https?://#i', $url ) ) {
			return false;
		}
		$host = parse_url( $url, PHP_URL_HOST );
		return is_string( $host ) && '' !== $host;
	}

	private static function author( array $author ): array {
		if ( ! self::is_x_media_url( $author['avatarUrl'] ) ) {
			$author['avatarUrl'] = self::DEFAULT_AVATAR_URL;
		}
		if ( isset( $author['affiliation'] ) ) {
			if ( isset( $author['affiliation']['badgeUrl'] ) && ! self::is_x_media_url( $author['affiliation']['badgeUrl'] ) ) {
				unset( $author['affiliation']['badgeUrl'] );
			}
			if ( isset( $author['affiliation']['url'] ) && ! self::is_http_url( $author['affiliation']['url'] ) ) {
				unset( $author['affiliation']['url'] );
			}
		}
		return $author;
	}

	private static function text( array $text ): array {
		$entities = array();
		foreach ( $text['entities'] as $e ) {
			if ( 'url' !== $e['type'] && 'media' !== $e['type'] ) {
				$entities[] = $e;
			} elseif ( self::is_http_url( $e['expandedUrl'] ) ) {
				if ( ! self::is_http_url( $e['url'] ) ) {
					$e['url'] = $e['expandedUrl'];
				}
				$entities[] = $e;
			} elseif ( self::is_http_url( $e['url'] ) ) {
				// A link that leads nowhere safe shows and follows its short form.
				$e['expandedUrl'] = $e['url'];
				$e['displayUrl']  = $e['url'];
				$entities[]       = $e;
			}
		}
		$text['entities'] = $entities;
		return $text;
	}

	private static function media( array $item ): ?array {
		if ( 'photo' === $item['type'] ) {
			return self::is_x_media_url( $item['url'] ) ? $item : null;
		}
		if ( ! self::is_x_media_url( $item['posterUrl'] ) ) {
			return null;
		}
		$item['variants'] = array_values( array_filter( $item['variants'], fn( $v ) => self::is_x_media_url( $v['url'] ) ) );
		if ( isset( $item['captions'] ) ) {
			$captions = array_values( array_filter( $item['captions'], fn( $c ) => self::is_x_media_url( $c['url'] ) ) );
			if ( count( $captions ) === 0 ) {
				unset( $item['captions'] );
			} else {
				$item['captions'] = $captions;
			}
		}
		return $item;
	}

	private static function card( array $card ): ?array {
		if ( ! self::is_http_url( $card['url'] ) ) {
			return null;
		}
		if ( isset( $card['expandedUrl'] ) && ! self::is_http_url( $card['expandedUrl'] ) ) {
			unset( $card['expandedUrl'] );
		}
		if ( isset( $card['image'] ) && ! self::is_x_media_url( $card['image']['url'] ) ) {
			unset( $card['image'] );
		}
		return $card;
	}

	/** `$result` (a post or tombstone model) with every URL it carries allowed; nested posts too. */
	public static function result( array $result ): array {
		return 'post' === $result['kind'] ? self::post( $result ) : $result;
	}

	/** A post with every URL it carries allowed. */
	public static function post( array $post ): array {
		$post['author'] = self::author( $post['author'] );
		$post['text']   = self::text( $post['text'] );
		if ( isset( $post['longText'] ) ) {
			$post['longText'] = self::text( $post['longText'] );
		}
		$media = array();
		foreach ( $post['media'] as $m ) {
			$safe = self::media( $m );
			if ( null !== $safe ) {
				$media[] = $safe;
			}
		}
		$post['media'] = $media;
		if ( isset( $post['card'] ) ) {
			$card = self::card( $post['card'] );
			if ( null === $card ) {
				unset( $post['card'] );
			} else {
				$post['card'] = $card;
			}
		}
		foreach ( array( 'quoted', 'parent' ) as $key ) {
			if ( isset( $post[ $key ] ) ) {
				$post[ $key ] = self::result( $post[ $key ] );
			}
		}
		if ( ! self::is_http_url( $post['url'] ) ) {
			$post['url'] = 'https://x.com/i/status/' . $post['id'];
		}
		return $post;
	}
}
