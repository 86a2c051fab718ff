<?php
/**
 * X's syndication payload (the body behind X's own embed widget) → the post model v1, exactly as
 * src/data/normalize-syndication.ts makes it (checked on every fixture by the golden files).
 * Validates as it reads: a payload that does not fit throws a Perch_Payload_Error.
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || defined( 'PERCH_CLI' ) || exit;

/** Syndication `tweet-result` bodies → post model arrays. */
final class Perch_Normalize_Syndication {
	private const MAX_NESTING = 3;

	private const IMAGE_KEYS = array( 'summary_photo_image_large', 'photo_image_full_size_large', 'summary_photo_image', 'thumbnail_image_large', 'thumbnail_image' );

	/**
	 * Normalize one decoded body (json_decode without assoc) into a post or a tombstone.
	 *
	 * @param mixed       $payload The decoded body.
	 * @param string|null $id      The id asked for: tombstones carry none of their own.
	 */
	public static function normalize( mixed $payload, ?string $id = null ): array {
		return Perch_Safe_Urls::result( self::read_result( $payload, '$', $id, 0 ) );
	}

	private static function read_result( mixed $payload, string $path, ?string $asked_id, int $depth ): array {
		$o        = Perch_Json::obj( $payload, $path );
		$typename = Perch_Json::opt_str( $o, '__typename', $path );
		if ( 'TweetTombstone' === $typename ) {
			return self::read_tombstone( $o, $path, $asked_id );
		}
		if ( null !== $typename && 'Tweet' !== $typename ) {
			throw new Perch_Payload_Error( 'unsupported', "$path.__typename", "unsupported payload type \"$typename\"" );
		}
		return self::read_post( $o, $path, $depth );
	}

	private static function read_tombstone( stdClass $o, string $path, ?string $asked_id ): array {
		if ( null === $asked_id || ! Perch_Json::is_post_id( $asked_id ) ) {
			throw new Perch_Payload_Error( 'missing-field', $path, 'a tombstone carries no id: pass the requested id' );
		}
		$tomb      = Perch_Json::get( $o, 'tombstone' );
		$text_obj  = $tomb instanceof stdClass ? Perch_Json::get( $tomb, 'text' ) : null;
		$message   = $text_obj instanceof stdClass && is_string( Perch_Json::get( $text_obj, 'text' ) ) ? $text_obj->text : null;
		$tombstone = array(
			'kind'    => 'tombstone',
			'version' => 1,
			'id'      => $asked_id,
			'reason'  => self::tombstone_reason( $message ?? '' ),
		);
		if ( null !== $message ) {
			$tombstone['message'] = $message;
		}
		return $tombstone;
	}

	/** Classify X's tombstone message; anything unrecognised is "not found". */
	public static function tombstone_reason( string $message ): string {
		$m = mb_strtolower( $message, 'UTF-8' );
		if ( str_contains( $m, 'deleted' ) ) {
			return 'deleted';
		}
		if ( str_contains( $m, 'suspended' ) ) {
			return 'suspended';
		}
		if ( str_contains( $m, 'withheld' ) ) {
			return 'withheld';
		}
		if ( str_contains( $m, 'age-restricted' ) || str_contains( $m, 'age restricted' ) || str_contains( $m, 'adult' ) ) {
			return 'age-restricted';
		}
		if ( str_contains( $m, 'protected' ) || str_contains( $m, 'allowed to see' ) || str_contains( $m, 'limits who can view' ) ) {
			return 'protected';
		}
		return 'not-found';
	}

	private static function read_post( stdClass $o, string $path, int $depth ): array {
		if ( $depth > self::MAX_NESTING ) {
			throw new Perch_Payload_Error( 'invalid-value', $path, 'posts nested too deeply' );
		}
		$id = Perch_Json::str( $o, 'id_str', $path );
		if ( ! Perch_Json::is_post_id( $id ) ) {
			throw new Perch_Payload_Error( 'invalid-value', "$path.id_str", 'not a post id' );
		}
		$author     = self::read_author( Perch_Json::field_obj( $o, 'user', "$path.user" ), "$path.user" );
		$created_at = Perch_Json::iso_time( Perch_Json::str( $o, 'created_at', $path ) );
		if ( null === $created_at ) {
			throw new Perch_Payload_Error( 'invalid-value', "$path.created_at", 'not a date' );
		}
		$raw_text      = Perch_Json::str( $o, 'text', $path );
		$entities      = Perch_Json::has( $o, 'entities' ) ? Perch_Json::obj( $o->entities, "$path.entities" ) : new stdClass();
		$display_range = Perch_Json::has( $o, 'display_text_range' ) ? Perch_Json::range( $o->display_text_range, "$path.display_text_range" ) : null;
		$text          = self::read_text( $raw_text, $entities, $display_range, $path );

		$post = array(
			'kind'      => 'post',
			'version'   => 1,
			'id'        => $id,
			'url'       => 'https://x.com/' . rawurlencode( $author['handle'] ) . '/status/' . $id,
			'author'    => $author,
			'createdAt' => $created_at,
			'text'      => $text,
			'media'     => self::read_media( $o, $path ),
			'counts'    => self::read_counts( $o, $path ),
			'edited'    => self::read_edited( $o, $path ),
			'sensitive' => Perch_Json::opt_bool( $o, 'possibly_sensitive', $path ) ?? false,
		);
		$lang = Perch_Json::opt_str( $o, 'lang', $path );
		if ( null !== $lang ) {
			$post['lang'] = $lang;
		}
		$long = self::read_long_text( $o, $path );
		if ( null !== $long ) {
			$post['longText'] = $long;
		}
		if ( null !== Perch_Json::get( $o, 'quoted_tweet' ) ) {
			$post['quoted'] = self::read_result( $o->quoted_tweet, "$path.quoted_tweet", Perch_Json::opt_str( $o, 'quoted_tweet_id_str', $path ), $depth + 1 );
		}
		$reply_handle = Perch_Json::opt_str( $o, 'in_reply_to_screen_name', $path );
		if ( null !== $reply_handle ) {
			$reply_id        = Perch_Json::opt_str( $o, 'in_reply_to_status_id_str', $path );
			$post['replyTo'] = array( 'handle' => $reply_handle );
			if ( null !== $reply_id && Perch_Json::is_post_id( $reply_id ) ) {
				$post['replyTo']['postId'] = $reply_id;
			}
		}
		if ( null !== Perch_Json::get( $o, 'parent' ) ) {
			$post['parent'] = self::read_result( $o->parent, "$path.parent", $post['replyTo']['postId'] ?? null, $depth + 1 );
		}
		if ( null !== Perch_Json::get( $o, 'card' ) ) {
			$card = Perch_Json::obj( $o->card, "$path.card" );
			$poll = self::read_poll( $card, "$path.card" );
			if ( null !== $poll ) {
				$post['poll'] = $poll;
			} else {
				$link = self::read_card( $card, "$path.card", $text );
				if ( null !== $link ) {
					$post['card'] = $link;
				}
			}
		}
		return $post;
	}

	private static function read_author( stdClass $u, string $path ): array {
		$handle = Perch_Json::str( $u, 'screen_name', $path );
		if ( ! preg_match( '/^[A-Za-z0-9_]{1,50}$/D', $handle ) ) {
			throw new Perch_Payload_Error( 'invalid-value', "$path.screen_name", 'not a handle' );
		}
		$author = array(
			'id'          => Perch_Json::str( $u, 'id_str', $path ),
			'name'        => Perch_Text::decode_with_offsets( Perch_Json::str( $u, 'name', $path ) )['text'],
			'handle'      => $handle,
			'avatarUrl'   => Perch_Json::str( $u, 'profile_image_url_https', $path ),
			'avatarShape' => 'Square' === Perch_Json::opt_str( $u, 'profile_image_shape', $path ) ? 'square' : 'circle',
			'verified'    => self::verified_type( $u, $path ),
		);
		$label = Perch_Json::get( $u, 'highlighted_label' );
		if ( $label instanceof stdClass && is_string( Perch_Json::get( $label, 'description' ) ) ) {
			$badge = Perch_Json::get( $label, 'badge' );
			$badge = $badge instanceof stdClass ? Perch_Json::opt_str( $badge, 'url', "$path.highlighted_label.badge" ) : null;
			$link  = Perch_Json::get( $label, 'url' );
			$link  = $link instanceof stdClass ? Perch_Json::opt_str( $link, 'url', "$path.highlighted_label.url" ) : null;
			$aff   = array( 'label' => $label->description );
			if ( null !== $badge ) {
				$aff['badgeUrl'] = $badge;
			}
			if ( null !== $link ) {
				$aff['url'] = $link;
			}
			$author['affiliation'] = $aff;
		}
		if ( true === Perch_Json::opt_bool( $u, 'protected', $path ) ) {
			$author['protected'] = true;
		}
		return $author;
	}

	private static function verified_type( stdClass $u, string $path ): string {
		$type = Perch_Json::opt_str( $u, 'verified_type', $path );
		if ( 'Business' === $type ) {
			return 'business';
		}
		if ( 'Government' === $type ) {
			return 'government';
		}
		if ( true === Perch_Json::opt_bool( $u, 'is_blue_verified', $path ) ) {
			return 'blue';
		}
		if ( true === Perch_Json::opt_bool( $u, 'verified', $path ) ) {
			return 'legacy';
		}
		return 'none';
	}

	/** Text + entities (syndication `indices` are code points), HTML entities decoded. */
	private static function read_text( string $raw_text, stdClass $entities, ?array $display_range, string $path ): array {
		$decoded    = Perch_Text::decode_with_offsets( $raw_text );
		$offsets    = $decoded['offsets'];
		$raw_length = count( $offsets ) - 1;
		$at         = fn( int $i ): int => $offsets[ min( $i, $raw_length ) ] ?? 0;
		$list       = array();
		$each       = function ( string $key, callable $make ) use ( $entities, $path, $raw_length, $at, &$list ): void {
			foreach ( Perch_Json::arr( $entities, $key, "$path.entities" ) as $i => $raw ) {
				$p       = "$path.entities.{$key}[$i]";
				$e       = Perch_Json::obj( $raw, $p );
				list( $s, $t ) = Perch_Json::range( Perch_Json::get( $e, 'indices' ), "$p.indices" );
				if ( $t > $raw_length ) {
					throw new Perch_Payload_Error( 'invalid-value', "$p.indices", 'entity ends after the text' );
				}
				$list[] = $make( $e, $p, $at( $s ), $at( $t ) );
			}
		};
		$each( 'hashtags', fn( $e, $p, $start, $end ) => array( 'type' => 'hashtag', 'start' => $start, 'end' => $end, 'tag' => Perch_Json::str( $e, 'text', $p ) ) );
		$each( 'symbols', fn( $e, $p, $start, $end ) => array( 'type' => 'cashtag', 'start' => $start, 'end' => $end, 'symbol' => Perch_Json::str( $e, 'text', $p ) ) );
		$each(
			'user_mentions',
			function ( $e, $p, $start, $end ) {
				$entity = array( 'type' => 'mention', 'start' => $start, 'end' => $end, 'handle' => Perch_Json::str( $e, 'screen_name', $p ) );
				$mid    = Perch_Json::opt_str( $e, 'id_str', $p );
				if ( null !== $mid ) {
					$entity['id'] = $mid;
				}
				return $entity;
			}
		);
		foreach ( array( 'urls' => 'url', 'media' => 'media' ) as $key => $type ) {
			$each( $key, fn( $e, $p, $start, $end ) => array( 'type' => $type, 'start' => $start, 'end' => $end, 'url' => Perch_Json::str( $e, 'url', $p ), 'displayUrl' => Perch_Json::str( $e, 'display_url', $p ), 'expandedUrl' => Perch_Json::opt_str( $e, 'expanded_url', $p ) ?? Perch_Json::str( $e, 'url', $p ) ) );
		}
		usort( $list, fn( $a, $b ) => $a['start'] <=> $b['start'] );
		$dr = null === $display_range ? array( 0, $at( $raw_length ) ) : array( $at( min( $display_range[0], $raw_length ) ), $at( min( $display_range[1], $raw_length ) ) );
		return array(
			'text'         => $decoded['text'],
			'displayRange' => $dr,
			'entities'     => $list,
		);
	}

	/** Long posts (a synthetic shape following X's GraphQL `note_tweet`), when present. */
	private static function read_long_text( stdClass $o, string $path ): ?array {
		$note = Perch_Json::get( $o, 'note_tweet' );
		if ( ! ( $note instanceof stdClass ) ) {
			return null;
		}
		$p       = "$path.note_tweet.note_tweet_results.result";
		$results = Perch_Json::field_obj( $note, 'note_tweet_results', "$path.note_tweet.note_tweet_results" );
		$result  = Perch_Json::field_obj( $results, 'result', $p );
		$text    = Perch_Json::str( $result, 'text', $p );
		$set     = Perch_Json::has( $result, 'entity_set' ) ? Perch_Json::obj( $result->entity_set, "$p.entity_set" ) : new stdClass();
		return self::read_text( $text, $set, null, $p );
	}

	private static function read_media( stdClass $o, string $path ): array {
		$out = array();
		foreach ( Perch_Json::arr( $o, 'mediaDetails', $path ) as $i => $raw ) {
			$p      = "$path.mediaDetails[$i]";
			$m      = Perch_Json::obj( $raw, $p );
			$type   = Perch_Json::str( $m, 'type', $p );
			$info   = Perch_Json::field_obj( $m, 'original_info', "$p.original_info" );
			$width  = Perch_Json::num( $info, 'width', "$p.original_info" );
			$height = Perch_Json::num( $info, 'height', "$p.original_info" );
			$alt    = Perch_Json::opt_str( $m, 'ext_alt_text', $p );
			$url    = Perch_Json::str( $m, 'media_url_https', $p );
			if ( 'photo' === $type ) {
				$photo = array( 'type' => 'photo', 'url' => $url, 'width' => $width, 'height' => $height );
				if ( null !== $alt ) {
					$photo['altText'] = $alt;
				}
				$out[] = $photo;
				continue;
			}
			if ( 'video' !== $type && 'animated_gif' !== $type ) {
				throw new Perch_Payload_Error( 'unsupported', "$p.type", "unsupported media type \"$type\"" );
			}
			$vi       = Perch_Json::field_obj( $m, 'video_info', "$p.video_info" );
			$variants = array();
			foreach ( Perch_Json::arr( $vi, 'variants', "$p.video_info" ) as $j => $rv ) {
				$vp      = "$p.video_info.variants[$j]";
				$v       = Perch_Json::obj( $rv, $vp );
				$variant = array( 'url' => Perch_Json::str( $v, 'url', $vp ), 'contentType' => Perch_Json::str( $v, 'content_type', $vp ) );
				$bitrate = Perch_Json::opt_num( $v, 'bitrate', $vp );
				if ( null !== $bitrate ) {
					$variant['bitrate'] = $bitrate;
				}
				$variants[] = $variant;
			}
			if ( count( $variants ) === 0 ) {
				throw new Perch_Payload_Error( 'invalid-value', "$p.video_info.variants", 'a video needs at least one variant' );
			}
			$ar       = Perch_Json::has( $vi, 'aspect_ratio' ) ? Perch_Json::positive_pair( $vi->aspect_ratio, "$p.video_info.aspect_ratio" ) : Perch_Model::reduced_aspect_ratio( $width, $height );
			$duration = Perch_Json::opt_num( $vi, 'duration_millis', "$p.video_info" );
			$stats    = Perch_Json::get( $m, 'mediaStats' );
			if ( ! ( $stats instanceof stdClass ) ) {
				$stats = Perch_Json::get( $m, 'ext_media_stats' );
			}
			$views = $stats instanceof stdClass ? ( Perch_Json::opt_num( $stats, 'viewCount', $p ) ?? Perch_Json::opt_num( $stats, 'view_count', $p ) ) : null;
			$video = array( 'type' => 'video' === $type ? 'video' : 'gif', 'posterUrl' => $url, 'width' => $width, 'height' => $height, 'aspectRatio' => $ar, 'variants' => $variants );
			if ( null !== $duration ) {
				$video['durationMs'] = $duration;
			}
			if ( null !== $alt ) {
				$video['altText'] = $alt;
			}
			if ( null !== $views ) {
				$video['viewCount'] = $views;
			}
			$out[] = $video;
		}
		return $out;
	}

	private static function read_counts( stdClass $o, string $path ): stdClass {
		$counts  = array();
		$likes   = Perch_Json::opt_num( $o, 'favorite_count', $path );
		$replies = Perch_Json::opt_num( $o, 'reply_count', $path ) ?? Perch_Json::opt_num( $o, 'conversation_count', $path );
		$reposts = Perch_Json::opt_num( $o, 'retweet_count', $path );
		$quotes  = Perch_Json::opt_num( $o, 'quote_count', $path );
		if ( null !== $likes ) {
			$counts['likes'] = $likes;
		}
		if ( null !== $replies ) {
			$counts['replies'] = $replies;
		}
		if ( null !== $reposts ) {
			$counts['reposts'] = $reposts;
		}
		if ( null !== $quotes ) {
			$counts['quotes'] = $quotes;
		}
		$video = Perch_Json::get( $o, 'video' );
		if ( $video instanceof stdClass ) {
			$views = Perch_Json::opt_num( $video, 'viewCount', "$path.video" );
			if ( null !== $views ) {
				$counts['views'] = $views;
			}
		}
		return (object) $counts;
	}

	private static function read_edited( stdClass $o, string $path ): bool {
		if ( true === Perch_Json::opt_bool( $o, 'isEdited', $path ) ) {
			return true;
		}
		$control = Perch_Json::get( $o, 'edit_control' );
		if ( $control instanceof stdClass ) {
			return count( Perch_Json::arr( $control, 'edit_tweet_ids', "$path.edit_control" ) ) > 1;
		}
		return false;
	}

	/** The card's binding values that are objects, by key. */
	private static function bindings( stdClass $card, string $path ): array {
		$raw = Perch_Json::has( $card, 'binding_values' ) ? Perch_Json::obj( $card->binding_values, "$path.binding_values" ) : new stdClass();
		$out = array();
		foreach ( get_object_vars( $raw ) as $k => $v ) {
			if ( $v instanceof stdClass ) {
				$out[ (string) $k ] = $v;
			}
		}
		return $out;
	}

	private static function binding_string( array $b, string $key ): ?string {
		$v = $b[ $key ] ?? null;
		return null !== $v && is_string( Perch_Json::get( $v, 'string_value' ) ) ? $v->string_value : null;
	}

	private static function read_poll( stdClass $card, string $path ): ?array {
		$name = Perch_Json::str( $card, 'name', $path );
		if ( ! preg_match( '/^poll([2-4])choice_(text_only|image)$/D', $name, $m ) ) {
			return null;
		}
		$b       = self::bindings( $card, $path );
		$n       = (int) $m[1];
		$options = array();
		for ( $i = 1; $i <= $n; $i++ ) {
			$label = self::binding_string( $b, "choice{$i}_label" );
			$count = self::binding_string( $b, "choice{$i}_count" );
			if ( null === $label ) {
				throw new Perch_Payload_Error( 'missing-field', "$path.binding_values.choice{$i}_label", 'poll choice without a label' );
			}
			$votes = null === $count ? 0 : self::js_number( $count );
			if ( null === $votes || ! Perch_Json::is_integer( $votes ) || $votes < 0 ) {
				throw new Perch_Payload_Error( 'invalid-value', "$path.binding_values.choice{$i}_count", 'not a vote count' );
			}
			$options[] = array( 'label' => $label, 'votes' => (int) $votes );
		}
		$ends_at = self::binding_string( $b, 'end_datetime_utc' );
		$final   = $b['counts_are_final'] ?? null;
		$ends_ms = null === $ends_at ? null : Perch_Json::parse_time_ms( $ends_at );
		$closed  = ( null !== $final && true === Perch_Json::get( $final, 'boolean_value' ) ) || ( null !== $ends_ms && $ends_ms < (int) floor( microtime( true ) * 1000 ) );
		$poll    = array(
			'options'    => $options,
			'totalVotes' => array_sum( array_column( $options, 'votes' ) ),
			'status'     => $closed ? 'closed' : 'open',
		);
		if ( null !== $ends_at ) {
			$poll['endsAt'] = $ends_at;
		}
		return $poll;
	}

	/** JavaScript's Number(string) for the decimal forms X sends; null where it would give NaN. */
	private static function js_number( string $s ): int|float|null {
		$t = trim( $s );
		if ( '' === $t ) {
			return 0;
		}
		return is_numeric( $t ) ? $t + 0 : null;
	}

	private static function read_card( stdClass $card, string $path, array $text ): ?array {
		$name   = Perch_Json::str( $card, 'name', $path );
		$url    = Perch_Json::str( $card, 'url', $path );
		$b      = self::bindings( $card, $path );
		$colon  = strpos( $name, ':' );
		$kind   = false === $colon ? $name : substr( $name, $colon + 1 );
		$result = array( 'kind' => $kind, 'url' => $url );
		foreach ( $text['entities'] as $e ) {
			if ( 'url' === $e['type'] && $e['url'] === $url ) {
				$result['expandedUrl'] = $e['expandedUrl'];
				break;
			}
		}
		$title       = self::binding_string( $b, 'title' );
		$description = self::binding_string( $b, 'description' );
		$domain      = self::binding_string( $b, 'vanity_url' ) ?? self::binding_string( $b, 'domain' );
		if ( null !== $title ) {
			$result['title'] = $title;
		}
		if ( null !== $description ) {
			$result['description'] = $description;
		}
		if ( null !== $domain ) {
			$result['domain'] = $domain;
		}
		$alt  = self::binding_string( $b, 'summary_photo_image_alt_text' ) ?? self::binding_string( $b, 'photo_image_full_size_alt_text' );
		$keys = 'summary' === $kind ? array_merge( array( 'thumbnail_image_large', 'thumbnail_image' ), self::IMAGE_KEYS ) : self::IMAGE_KEYS;
		foreach ( $keys as $key ) {
			$v = $b[ $key ] ?? null;
			if ( null !== $v && Perch_Json::get( $v, 'image_value' ) instanceof stdClass ) {
				$iv        = $v->image_value;
				$p         = "$path.binding_values.$key.image_value";
				$image_alt = Perch_Json::opt_str( $iv, 'alt', $p ) ?? $alt;
				$image     = array( 'url' => Perch_Json::str( $iv, 'url', $p ), 'width' => Perch_Json::num( $iv, 'width', $p ), 'height' => Perch_Json::num( $iv, 'height', $p ) );
				if ( null !== $image_alt ) {
					$image['altText'] = $image_alt;
				}
				$result['image'] = $image;
				break;
			}
		}
		return $result;
	}
}

/** Helpers of the post model shared by the normalizers. */
final class Perch_Model {
	/** `width:height` reduced to its smallest whole terms (`[1920, 1080]` → `[16, 9]`). */
	public static function reduced_aspect_ratio( int|float $width, int|float $height ): array {
		$w = (int) round( $width );
		$h = (int) round( $height );
		$a = $w;
		$b = $h;
		while ( 0 !== $b ) {
			$t = $b;
			$b = $a % $b;
			$a = $t;
		}
		$g = 0 === $a ? 1 : abs( $a );
		return array( intdiv( $w, $g ), intdiv( $h, $g ) );
	}

	/** A tombstone. */
	public static function tombstone( string $id, string $reason, ?string $message = null ): array {
		$t = array( 'kind' => 'tombstone', 'version' => 1, 'id' => $id, 'reason' => $reason );
		if ( null !== $message ) {
			$t['message'] = $message;
		}
		return $t;
	}
}
