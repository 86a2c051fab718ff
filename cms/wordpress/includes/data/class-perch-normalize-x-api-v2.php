<?php
/**
 * X API v2 bodies → the post model v1, exactly as src/data/normalize-x-api-v2.ts makes them
 * (checked on every fixture by the golden files): lookup bodies (`GET /2/tweets?ids=…`) become one
 * result per id, posts for `data` and tombstones for X's partial errors; timeline bodies become
 * their posts, newest first, with the paging meta.
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || defined( 'PERCH_CLI' ) || exit;

/** X API v2 bodies → post model arrays. */
final class Perch_Normalize_X_Api_V2 {
	private const MAX_NESTING = 3;

	/** Creation time encoded in a snowflake post id (for bodies recorded without `created_at`). */
	public static function snowflake_time( string $id ): string {
		$shifted = strlen( $id ) <= 18 ? ( (int) $id ) >> 22 : (int) floor( (float) $id / 4194304 );
		return Perch_Json::iso_from_ms( $shifted + 1288834974657 );
	}

	/**
	 * Normalize a lookup body into one result per id, in X's order (partial errors first).
	 *
	 * @param mixed $body    The decoded body (json_decode without assoc).
	 * @param array $options `author` (fallback author model), `now` (ms, for poll status).
	 * @return array<string, array> Results by id (PHP may hold numeric ids as int keys: cast them).
	 */
	public static function lookup( mixed $body, array $options = array() ): array {
		$root = Perch_Json::obj( $body, '$' );
		$inc  = self::read_includes( $root, $options );
		$out  = array();
		foreach ( $inc['errors'] as $id => $error ) {
			$parameter = Perch_Json::opt_str( $error, 'parameter', '$.errors' );
			if ( null === $parameter || 'ids' === $parameter || 'id' === $parameter ) {
				$out[ (string) $id ] = self::tombstone_from_error( (string) $id, $error );
			}
		}
		$data = Perch_Json::get( $root, 'data' );
		$list = is_array( $data ) ? $data : ( null === $data ? array() : array( $data ) );
		foreach ( $list as $i => $raw ) {
			$path                = is_array( $data ) ? "\$.data[$i]" : '$.data';
			$post                = Perch_Safe_Urls::result( self::read_post( Perch_Json::obj( $raw, $path ), $path, $inc, 0 ) );
			$out[ $post['id'] ] = $post;
		}
		return $out;
	}

	/**
	 * Normalize a `GET /2/users/:id/tweets` or `GET /2/lists/:id/tweets` body.
	 *
	 * @return array{posts: array[], nextToken: ?string, newestId: ?string, oldestId: ?string, resultCount: int|float|null}
	 */
	public static function timeline( mixed $body, array $options = array() ): array {
		$root  = Perch_Json::obj( $body, '$' );
		$inc   = self::read_includes( $root, $options );
		$posts = array();
		foreach ( Perch_Json::arr( $root, 'data', '$' ) as $i => $raw ) {
			$posts[] = Perch_Safe_Urls::post( self::read_post( Perch_Json::obj( $raw, "\$.data[$i]" ), "\$.data[$i]", $inc, 0 ) );
		}
		$meta = Perch_Json::has( $root, 'meta' ) ? Perch_Json::obj( $root->meta, '$.meta' ) : new stdClass();
		return array(
			'posts'       => $posts,
			'nextToken'   => Perch_Json::opt_str( $meta, 'next_token', '$.meta' ),
			'newestId'    => Perch_Json::opt_str( $meta, 'newest_id', '$.meta' ),
			'oldestId'    => Perch_Json::opt_str( $meta, 'oldest_id', '$.meta' ),
			'resultCount' => Perch_Json::opt_num( $meta, 'result_count', '$.meta' ),
		);
	}

	/** Classify one v2 partial error as a tombstone reason. */
	public static function tombstone_reason_for_error( stdClass $error ): string {
		$type  = is_string( Perch_Json::get( $error, 'type' ) ) ? $error->type : '';
		$title = is_string( Perch_Json::get( $error, 'title' ) ) ? $error->title : '';
		$det   = is_string( Perch_Json::get( $error, 'detail' ) ) ? $error->detail : '';
		$words = mb_strtolower( "$title $det", 'UTF-8' );
		if ( str_contains( $words, 'suspended' ) ) {
			return 'suspended';
		}
		if ( str_contains( $words, 'withheld' ) ) {
			return 'withheld';
		}
		if ( str_ends_with( $type, '/not-authorized-for-resource' ) || str_contains( $words, 'not authorized' ) || str_contains( $words, 'authorization error' ) ) {
			return 'protected';
		}
		if ( str_contains( $words, 'deleted' ) ) {
			return 'deleted';
		}
		return 'not-found';
	}

	private static function tombstone_from_error( string $id, stdClass $error ): array {
		return Perch_Model::tombstone( $id, self::tombstone_reason_for_error( $error ) );
	}

	private static function index( array $list, string $key, string $path ): array {
		$out = array();
		foreach ( $list as $i => $raw ) {
			$o = Perch_Json::obj( $raw, "{$path}[$i]" );
			$k = Perch_Json::str( $o, $key, "{$path}[$i]" );
			if ( ! array_key_exists( $k, $out ) ) {
				$out[ $k ] = $o;
			}
		}
		return $out;
	}

	private static function read_includes( stdClass $root, array $options ): array {
		$inc    = Perch_Json::has( $root, 'includes' ) ? Perch_Json::obj( $root->includes, '$.includes' ) : new stdClass();
		$errors = array();
		foreach ( Perch_Json::arr( $root, 'errors', '$' ) as $i => $raw ) {
			$e  = Perch_Json::obj( $raw, "\$.errors[$i]" );
			$id = Perch_Json::opt_str( $e, 'resource_id', "\$.errors[$i]" ) ?? Perch_Json::opt_str( $e, 'value', "\$.errors[$i]" );
			$rt = Perch_Json::get( $e, 'resource_type' );
			if ( null !== $id && Perch_Json::is_post_id( $id ) && ( ! Perch_Json::has( $e, 'resource_type' ) || 'tweet' === $rt ) ) {
				$errors[ $id ] = $e;
			}
		}
		return array(
			'users'   => self::index( Perch_Json::arr( $inc, 'users', '$.includes' ), 'id', '$.includes.users' ),
			'media'   => self::index( Perch_Json::arr( $inc, 'media', '$.includes' ), 'media_key', '$.includes.media' ),
			'tweets'  => self::index( Perch_Json::arr( $inc, 'tweets', '$.includes' ), 'id', '$.includes.tweets' ),
			'polls'   => self::index( Perch_Json::arr( $inc, 'polls', '$.includes' ), 'id', '$.includes.polls' ),
			'errors'  => $errors,
			'options' => $options,
		);
	}

	private static function read_referenced( string $id, array $inc, string $path, int $depth ): ?array {
		if ( isset( $inc['tweets'][ $id ] ) ) {
			return self::read_post( $inc['tweets'][ $id ], "$path($id)", $inc, $depth + 1 );
		}
		return isset( $inc['errors'][ $id ] ) ? self::tombstone_from_error( $id, $inc['errors'][ $id ] ) : null;
	}

	private static function read_post( stdClass $t, string $path, array $inc, int $depth ): array {
		if ( $depth > self::MAX_NESTING ) {
			throw new Perch_Payload_Error( 'invalid-value', $path, 'posts nested too deeply' );
		}
		$id = Perch_Json::str( $t, 'id', $path );
		if ( ! Perch_Json::is_post_id( $id ) ) {
			throw new Perch_Payload_Error( 'invalid-value', "$path.id", 'not a post id' );
		}
		$author_id   = Perch_Json::opt_str( $t, 'author_id', $path );
		$author      = self::read_author( $author_id, $inc );
		$created_raw = Perch_Json::opt_str( $t, 'created_at', $path );
		$created_at  = null === $created_raw ? self::snowflake_time( $id ) : Perch_Json::iso_time( $created_raw );
		if ( null === $created_at ) {
			throw new Perch_Payload_Error( 'invalid-value', "$path.created_at", 'not a date' );
		}
		$refs = array();
		foreach ( Perch_Json::arr( $t, 'referenced_tweets', $path ) as $i => $raw ) {
			$r      = Perch_Json::obj( $raw, "$path.referenced_tweets[$i]" );
			$refs[] = array( 'type' => Perch_Json::str( $r, 'type', "$path.referenced_tweets[$i]" ), 'id' => Perch_Json::str( $r, 'id', "$path.referenced_tweets[$i]" ) );
		}
		$replied_to     = self::first_ref( $refs, 'replied_to' );
		$reply_user_id  = Perch_Json::opt_str( $t, 'in_reply_to_user_id', $path );
		$is_reply       = null !== $replied_to || null !== $reply_user_id;
		$entities       = Perch_Json::has( $t, 'entities' ) ? Perch_Json::obj( $t->entities, "$path.entities" ) : new stdClass();
		$text           = self::read_text( Perch_Json::str( $t, 'text', $path ), $entities, $path, $is_reply, $id );
		$post           = array(
			'kind'      => 'post',
			'version'   => 1,
			'id'        => $id,
			'url'       => 'https://x.com/' . rawurlencode( $author['handle'] ) . '/status/' . $id,
			'author'    => $author,
			'createdAt' => $created_at,
			'text'      => $text,
			'media'     => self::read_media( $t, $path, $inc ),
			'counts'    => self::read_counts( $t, $path ),
			'edited'    => count( Perch_Json::arr( $t, 'edit_history_tweet_ids', $path ) ) > 1,
			'sensitive' => Perch_Json::opt_bool( $t, 'possibly_sensitive', $path ) ?? false,
		);
		$lang = Perch_Json::opt_str( $t, 'lang', $path );
		if ( null !== $lang ) {
			$post['lang'] = $lang;
		}
		$note = Perch_Json::get( $t, 'note_tweet' );
		if ( $note instanceof stdClass ) {
			$note_path        = "$path.note_tweet";
			$note_entities    = Perch_Json::has( $note, 'entities' ) ? Perch_Json::obj( $note->entities, "$note_path.entities" ) : new stdClass();
			$post['longText'] = self::read_text( Perch_Json::str( $note, 'text', $note_path ), $note_entities, $note_path, $is_reply, $id );
		}
		$quoted_ref = self::first_ref( $refs, 'quoted' );
		// Referenced posts go two levels deep (a quote inside a parent), as the widgets show them.
		if ( null !== $quoted_ref && Perch_Json::is_post_id( $quoted_ref['id'] ) && $depth < 2 ) {
			$quoted = self::read_referenced( $quoted_ref['id'], $inc, "$path.quoted", $depth );
			if ( null !== $quoted ) {
				$post['quoted'] = $quoted;
			}
		}
		if ( $is_reply ) {
			$reply_user = null === $reply_user_id ? null : ( $inc['users'][ $reply_user_id ] ?? null );
			$handle     = null !== $reply_user ? Perch_Json::opt_str( $reply_user, 'username', '$.includes.users' ) : self::leading_mention_handle( $text, $reply_user_id );
			if ( null !== $handle ) {
				$post['replyTo'] = array( 'handle' => $handle );
				if ( null !== $replied_to && Perch_Json::is_post_id( $replied_to['id'] ) ) {
					$post['replyTo']['postId'] = $replied_to['id'];
				}
			}
			if ( null !== $replied_to && Perch_Json::is_post_id( $replied_to['id'] ) && $replied_to['id'] !== $id && 0 === $depth ) {
				$parent = self::read_referenced( $replied_to['id'], $inc, "$path.parent", $depth );
				if ( null !== $parent ) {
					$post['parent'] = $parent;
				}
			}
		}
		$attachments = Perch_Json::get( $t, 'attachments' );
		$poll_ids    = $attachments instanceof stdClass ? Perch_Json::arr( $attachments, 'poll_ids', "$path.attachments" ) : array();
		$poll_id     = $poll_ids[0] ?? null;
		if ( is_string( $poll_id ) && isset( $inc['polls'][ $poll_id ] ) ) {
			$post['poll'] = self::read_poll( $inc['polls'][ $poll_id ], "\$.includes.polls($poll_id)", $inc['options']['now'] ?? (int) floor( microtime( true ) * 1000 ) );
		}
		if ( ! isset( $post['poll'] ) ) {
			$card = self::read_card( $entities, $path );
			if ( null !== $card ) {
				$post['card'] = $card;
			}
		}
		return $post;
	}

	private static function first_ref( array $refs, string $type ): ?array {
		foreach ( $refs as $r ) {
			if ( $r['type'] === $type ) {
				return $r;
			}
		}
		return null;
	}

	private static function leading_mention_handle( array $text, ?string $user_id ): ?string {
		foreach ( $text['entities'] as $e ) {
			if ( 'mention' === $e['type'] && ( null === $user_id || ! isset( $e['id'] ) || $e['id'] === $user_id ) ) {
				return $e['start'] < $text['displayRange'][0] ? $e['handle'] : null;
			}
		}
		return null;
	}

	private static function read_author( ?string $author_id, array $inc ): array {
		$u = null === $author_id ? null : ( $inc['users'][ $author_id ] ?? null );
		if ( null === $u ) {
			if ( isset( $inc['options']['author'] ) ) {
				return $inc['options']['author'];
			}
			return array( 'id' => $author_id ?? '', 'name' => '', 'handle' => 'i', 'avatarUrl' => Perch_Safe_Urls::DEFAULT_AVATAR_URL, 'avatarShape' => 'circle', 'verified' => 'none' );
		}
		$up     = '$.includes.users(' . ( $author_id ?? '' ) . ')';
		$handle = Perch_Json::str( $u, 'username', $up );
		if ( ! preg_match( '/^[A-Za-z0-9_]{1,50}$/D', $handle ) ) {
			throw new Perch_Payload_Error( 'invalid-value', "$up.username", 'not a handle' );
		}
		$verified = self::verified_type( $u, $up );
		$author   = array(
			'id'          => Perch_Json::str( $u, 'id', $up ),
			'name'        => Perch_Text::decode_with_offsets( Perch_Json::str( $u, 'name', $up ) )['text'],
			'handle'      => $handle,
			'avatarUrl'   => Perch_Json::opt_str( $u, 'profile_image_url', $up ) ?? Perch_Safe_Urls::DEFAULT_AVATAR_URL,
			'avatarShape' => 'business' === $verified ? 'square' : 'circle',
			'verified'    => $verified,
		);
		if ( true === Perch_Json::opt_bool( $u, 'protected', $up ) ) {
			$author['protected'] = true;
		}
		return $author;
	}

	/** The verified type of a v2 user object. */
	public static function verified_type( stdClass $u, string $path ): string {
		$type = Perch_Json::opt_str( $u, 'verified_type', $path );
		if ( in_array( $type, array( 'business', 'government', 'blue', 'none' ), true ) ) {
			return $type;
		}
		return true === Perch_Json::opt_bool( $u, 'verified', $path ) ? 'legacy' : 'none';
	}

	/** Whether a url entity is the link X appends for attached media. */
	private static function is_media_link( stdClass $e ): bool {
		if ( is_string( Perch_Json::get( $e, 'media_key' ) ) ) {
			return true;
		}
		$display = is_string( Perch_Json::get( $e, 'display_url' ) ) ? $e->display_url : '';
		return str_starts_with( $display, 'pic.twitter.com/' ) || str_starts_with( $display, 'pic.x.com/' );
	}

	/**
	 * v2 text + entities (code-point `start`/`end` of the raw text), HTML entities decoded, and the
	 * display range: leading reply mentions and trailing links to this post's own media left out.
	 */
	private static function read_text( string $raw_text, stdClass $entities, string $path, bool $is_reply, string $post_id ): array {
		$decoded    = Perch_Text::decode_with_offsets( $raw_text );
		$offsets    = $decoded['offsets'];
		$raw_length = count( $offsets ) - 1;
		$points     = Perch_Text::points( $raw_text );
		$at         = fn( int $i ): int => $offsets[ min( $i, $raw_length ) ] ?? 0;
		$raw        = array();
		$each       = function ( string $key, callable $make ) use ( $entities, $path, $raw_length, $at, $post_id, &$raw ): void {
			foreach ( Perch_Json::arr( $entities, $key, "$path.entities" ) as $i => $value ) {
				$p = "$path.entities.{$key}[$i]";
				$e = Perch_Json::obj( $value, $p );
				$s = Perch_Json::opt_num( $e, 'start', $p );
				$t = Perch_Json::opt_num( $e, 'end', $p );
				if ( null === $s || null === $t || ! Perch_Json::is_integer( $s ) || ! Perch_Json::is_integer( $t ) || $s < 0 || $s > $t ) {
					throw new Perch_Payload_Error( 'invalid-value', $p, 'expected integer start ≤ end' );
				}
				if ( $t > $raw_length ) {
					throw new Perch_Payload_Error( 'invalid-value', "$p.end", 'entity ends after the text' );
				}
				$entity = $make( $e, $p, $at( (int) $s ), $at( (int) $t ) );
				$raw[]  = array(
					'start'     => (int) $s,
					'end'       => (int) $t,
					'entity'    => $entity,
					'own_media' => 'media' === $entity['type'] && str_contains( $entity['expandedUrl'], "/status/$post_id/" ),
				);
			}
		};
		$each( 'hashtags', fn( $e, $p, $start, $end ) => array( 'type' => 'hashtag', 'start' => $start, 'end' => $end, 'tag' => Perch_Json::str( $e, 'tag', $p ) ) );
		$each( 'cashtags', fn( $e, $p, $start, $end ) => array( 'type' => 'cashtag', 'start' => $start, 'end' => $end, 'symbol' => Perch_Json::str( $e, 'tag', $p ) ) );
		$each(
			'mentions',
			function ( $e, $p, $start, $end ) {
				$entity = array( 'type' => 'mention', 'start' => $start, 'end' => $end, 'handle' => Perch_Json::str( $e, 'username', $p ) );
				$mid    = Perch_Json::opt_str( $e, 'id', $p );
				if ( null !== $mid ) {
					$entity['id'] = $mid;
				}
				return $entity;
			}
		);
		$each(
			'urls',
			function ( $e, $p, $start, $end ) {
				$url = Perch_Json::str( $e, 'url', $p );
				return array(
					'type'        => self::is_media_link( $e ) ? 'media' : 'url',
					'start'       => $start,
					'end'         => $end,
					'url'         => $url,
					'displayUrl'  => Perch_Json::opt_str( $e, 'display_url', $p ) ?? $url,
					'expandedUrl' => Perch_Json::opt_str( $e, 'expanded_url', $p ) ?? $url,
				);
			}
		);
		usort( $raw, fn( $a, $b ) => $a['start'] <=> $b['start'] );
		// Keep entities apart: X sometimes reports a hashtag inside a URL; the first one wins.
		$kept = array();
		foreach ( $raw as $r ) {
			$last = end( $kept );
			if ( false === $last || $r['start'] >= $last['end'] ) {
				$kept[] = $r;
			}
		}
		$is_space = fn( int $i ): bool => Perch_Text::is_space( $points[ $i ] ?? null );
		$first    = 0;
		if ( $is_reply ) {
			// Leading "@handle " tokens of a reply (X does not always list them as entities).
			for ( ;; ) {
				$start = $first;
				while ( $start < $raw_length && $is_space( $start ) ) {
					++$start;
				}
				$end = $start;
				while ( $end < $raw_length && ! $is_space( $end ) ) {
					++$end;
				}
				if ( $end >= $raw_length || ! preg_match( '/^@[A-Za-z0-9_]{1,15}$/D', implode( '', array_slice( $points, $start, $end - $start ) ) ) ) {
					break;
				}
				$first = $end;
				while ( $first < $raw_length && $is_space( $first ) ) {
					++$first;
				}
			}
			if ( $first >= $raw_length ) {
				$first = 0; // a reply that is only mentions shows them
			}
		}
		$last = $raw_length;
		for ( $i = count( $kept ) - 1; $i >= 0; $i-- ) {
			$r = $kept[ $i ];
			if ( true !== $r['own_media'] ) {
				break;
			}
			$gap = $r['end'];
			while ( $gap < $last && $is_space( $gap ) ) {
				++$gap;
			}
			if ( $gap !== $last ) {
				break;
			}
			$last = $r['start'];
			while ( $last > $first && $is_space( $last - 1 ) ) {
				--$last;
			}
		}
		return array(
			'text'         => $decoded['text'],
			'displayRange' => array( $at( $first ), $at( max( $first, $last ) ) ),
			'entities'     => array_map( fn( $r ) => $r['entity'], $kept ),
		);
	}

	private static function read_media( stdClass $t, string $path, array $inc ): array {
		$attachments = Perch_Json::get( $t, 'attachments' );
		$keys        = $attachments instanceof stdClass ? Perch_Json::arr( $attachments, 'media_keys', "$path.attachments" ) : array();
		$out         = array();
		foreach ( $keys as $key ) {
			if ( ! is_string( $key ) ) {
				throw new Perch_Payload_Error( 'wrong-type', "$path.attachments.media_keys", 'expected strings' );
			}
			$m = $inc['media'][ $key ] ?? null;
			if ( null === $m ) {
				continue; // not expanded in this body
			}
			$media = self::read_one_media( $m, "\$.includes.media($key)" );
			if ( null !== $media ) {
				$out[] = $media;
			}
		}
		return $out;
	}

	private static function read_one_media( stdClass $m, string $p ): ?array {
		$type   = Perch_Json::str( $m, 'type', $p );
		$width  = Perch_Json::opt_num( $m, 'width', $p );
		$height = Perch_Json::opt_num( $m, 'height', $p );
		$alt    = Perch_Json::opt_str( $m, 'alt_text', $p );
		if ( null === $width || null === $height || ! ( $width > 0 ) || ! ( $height > 0 ) ) {
			return null;
		}
		if ( 'photo' === $type ) {
			$url = Perch_Json::opt_str( $m, 'url', $p );
			if ( null === $url ) {
				return null;
			}
			$photo = array( 'type' => 'photo', 'url' => $url, 'width' => $width, 'height' => $height );
			if ( null !== $alt ) {
				$photo['altText'] = $alt;
			}
			return $photo;
		}
		if ( 'video' === $type || 'animated_gif' === $type ) {
			$poster = Perch_Json::opt_str( $m, 'preview_image_url', $p );
			if ( null === $poster ) {
				return null;
			}
			$variants = array();
			foreach ( Perch_Json::arr( $m, 'variants', $p ) as $j => $rv ) {
				$vp      = "$p.variants[$j]";
				$v       = Perch_Json::obj( $rv, $vp );
				$bitrate = Perch_Json::opt_num( $v, 'bit_rate', $vp ) ?? Perch_Json::opt_num( $v, 'bitrate', $vp );
				$variant = array( 'url' => Perch_Json::str( $v, 'url', $vp ), 'contentType' => Perch_Json::str( $v, 'content_type', $vp ) );
				if ( null !== $bitrate ) {
					$variant['bitrate'] = $bitrate;
				}
				$variants[] = $variant;
			}
			$video    = array( 'type' => 'video' === $type ? 'video' : 'gif', 'posterUrl' => $poster, 'width' => $width, 'height' => $height, 'aspectRatio' => Perch_Model::reduced_aspect_ratio( $width, $height ), 'variants' => $variants );
			$duration = Perch_Json::opt_num( $m, 'duration_ms', $p );
			if ( null !== $duration ) {
				$video['durationMs'] = $duration;
			}
			if ( null !== $alt ) {
				$video['altText'] = $alt;
			}
			$metrics = Perch_Json::get( $m, 'public_metrics' );
			$views   = $metrics instanceof stdClass ? Perch_Json::opt_num( $metrics, 'view_count', "$p.public_metrics" ) : null;
			if ( null !== $views ) {
				$video['viewCount'] = $views;
			}
			return $video;
		}
		throw new Perch_Payload_Error( 'unsupported', "$p.type", "unsupported media type \"$type\"" );
	}

	private static function read_counts( stdClass $t, string $path ): stdClass {
		$counts = array();
		$m      = Perch_Json::get( $t, 'public_metrics' );
		if ( ! ( $m instanceof stdClass ) ) {
			return new stdClass();
		}
		$p = "$path.public_metrics";
		foreach ( array( 'replies' => 'reply_count', 'reposts' => 'retweet_count', 'likes' => 'like_count', 'quotes' => 'quote_count', 'views' => 'impression_count' ) as $name => $key ) {
			$v = Perch_Json::opt_num( $m, $key, $p );
			if ( null !== $v ) {
				$counts[ $name ] = $v;
			}
		}
		return (object) $counts;
	}

	private static function read_poll( stdClass $poll, string $path, int $now ): array {
		$options = array();
		foreach ( Perch_Json::arr( $poll, 'options', $path ) as $i => $raw ) {
			$p     = "$path.options[$i]";
			$o     = Perch_Json::obj( $raw, $p );
			$votes = Perch_Json::opt_num( $o, 'votes', $p ) ?? 0;
			if ( ! Perch_Json::is_integer( $votes ) || $votes < 0 ) {
				throw new Perch_Payload_Error( 'invalid-value', "$p.votes", 'not a vote count' );
			}
			$options[] = array( 'position' => Perch_Json::opt_num( $o, 'position', $p ) ?? $i + 1, 'label' => Perch_Json::str( $o, 'label', $p ), 'votes' => (int) $votes );
		}
		usort( $options, fn( $a, $b ) => $a['position'] <=> $b['position'] );
		$options = array_map( fn( $o ) => array( 'label' => $o['label'], 'votes' => $o['votes'] ), $options );
		if ( count( $options ) < 2 ) {
			throw new Perch_Payload_Error( 'invalid-value', "$path.options", 'a poll needs at least two options' );
		}
		$ends_at = Perch_Json::opt_str( $poll, 'end_datetime', $path );
		$ends_ms = null === $ends_at ? null : Perch_Json::parse_time_ms( $ends_at );
		if ( null !== $ends_at && null === $ends_ms ) {
			throw new Perch_Payload_Error( 'invalid-value', "$path.end_datetime", 'not a date' );
		}
		$status = Perch_Json::opt_str( $poll, 'voting_status', $path );
		$closed = 'closed' === $status || ( null === $status && null !== $ends_ms && $ends_ms < $now );
		$out    = array(
			'options'    => $options,
			'totalVotes' => array_sum( array_column( $options, 'votes' ) ),
			'status'     => $closed ? 'closed' : 'open',
		);
		if ( null !== $ends_ms ) {
			$out['endsAt'] = Perch_Json::iso_from_ms( $ends_ms );
		}
		return $out;
	}

	/** v2 has no cards, but unwound url entities carry the link preview: the last such link becomes the card. */
	private static function read_card( stdClass $entities, string $path ): ?array {
		$urls = Perch_Json::arr( $entities, 'urls', "$path.entities" );
		for ( $i = count( $urls ) - 1; $i >= 0; $i-- ) {
			$p     = "$path.entities.urls[$i]";
			$e     = Perch_Json::obj( $urls[ $i ], $p );
			$title = Perch_Json::opt_str( $e, 'title', $p );
			if ( null === $title || self::is_media_link( $e ) ) {
				continue;
			}
			$url      = Perch_Json::str( $e, 'url', $p );
			$expanded = Perch_Json::opt_str( $e, 'unwound_url', $p ) ?? Perch_Json::opt_str( $e, 'expanded_url', $p );
			$images   = Perch_Json::arr( $e, 'images', $p );
			$card     = array( 'kind' => count( $images ) > 0 ? 'summary_large_image' : 'summary', 'url' => $url, 'title' => $title );
			if ( null !== $expanded ) {
				$card['expandedUrl'] = $expanded;
				$host                = self::url_hostname( $expanded );
				if ( null !== $host ) {
					$card['domain'] = preg_replace( '/^www\./', '', $host );
				}
			}
			$description = Perch_Json::opt_str( $e, 'description', $p );
			if ( null !== $description ) {
				$card['description'] = $description;
			}
			$best = null;
			foreach ( $images as $j => $raw ) {
				$ip = "$p.images[$j]";
				$im = Perch_Json::obj( $raw, $ip );
				$w  = Perch_Json::opt_num( $im, 'width', $ip );
				$h  = Perch_Json::opt_num( $im, 'height', $ip );
				$u  = Perch_Json::opt_str( $im, 'url', $ip );
				if ( null !== $u && null !== $w && null !== $h && $w > 0 && $h > 0 && ( null === $best || $w > $best['width'] ) ) {
					$best = array( 'url' => $u, 'width' => $w, 'height' => $h );
				}
			}
			if ( null !== $best ) {
				$card['image'] = $best;
			}
			return $card;
		}
		return null;
	}

	/** The host name of an absolute URL as the URL parser reports it (lower case), or null. */
	private static function url_hostname( string $url ): ?string {
		if ( ! preg_match( '#^[a-zA-Z][a-zA-Z0-9+.-]*:#', $url ) ) {
			return null;
		}
		$host = parse_url( $url, PHP_URL_HOST );
		return is_string( $host ) ? strtolower( $host ) : ( preg_match( '#^[a-zA-Z][a-zA-Z0-9+.-]*:#', $url ) ? '' : null );
	}
}
