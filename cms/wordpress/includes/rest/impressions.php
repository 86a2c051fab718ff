<?php
/**
 * `POST /v1/impressions`: the impressions collector of the built-in endpoint, with perch-server's
 * wire format and checks (server/impressions/validate-batch.ts). Counts go to daily totals in
 * `{prefix}perch_impressions` (`day`, `kind`, `type`, `post_id` — a post id, or a timeline id when
 * `kind` is `timeline` — and `count`); a batch sent again counts nothing twice, by page view and
 * sequence number (`{prefix}perch_impression_seen`, swept after 48 hours). Nothing about the
 * visitor is kept. Post events count only for posts this site answered in the last 24 hours.
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || exit;

/** Version of the impressions tables. */
const PERCH_IMPRESSIONS_DB_VERSION = '1';

/** Collector limits (as perch-server's IMPRESSION_LIMITS). */
const PERCH_IMPRESSION_LIMITS = array(
	'maxBodyBytes'         => 65536,
	'maxEvents'            => 500,
	'maxFutureMs'          => 600000,
	'maxPastMs'            => 172800000,
	'maxPathLength'        => 2048,
	'maxEventsPerPageView' => 1000,
	'maxSiteLength'        => 255,
);

/** Table names. */
function perch_impressions_tables(): array {
	global $wpdb;
	return array(
		'totals' => $wpdb->prefix . 'perch_impressions',
		'seen'   => $wpdb->prefix . 'perch_impression_seen',
	);
}

/** Create or upgrade the tables when their version changed. */
function perch_impressions_maybe_install(): void {
	if ( get_option( 'perch_impressions_db_version' ) === PERCH_IMPRESSIONS_DB_VERSION ) {
		return;
	}
	global $wpdb;
	require_once ABSPATH . 'wp-admin/includes/upgrade.php';
	$t       = perch_impressions_tables();
	$charset = $wpdb->get_charset_collate();
	dbDelta(
		"CREATE TABLE {$t['totals']} (
  day date NOT NULL,
  kind varchar(16) NOT NULL,
  type varchar(16) NOT NULL,
  post_id varchar(64) NOT NULL,
  count bigint(20) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY  (day,kind,type,post_id),
  KEY day_type (day,type)
) $charset;"
	);
	dbDelta(
		"CREATE TABLE {$t['seen']} (
  page_view varchar(36) NOT NULL,
  seq bigint(20) unsigned NOT NULL,
  seen_at bigint(20) unsigned NOT NULL,
  PRIMARY KEY  (page_view,seq),
  KEY seen_at (seen_at)
) $charset;"
	);
	update_option( 'perch_impressions_db_version', PERCH_IMPRESSIONS_DB_VERSION );
}

/** WP-Cron: forget page views older than the retry window (48 hours). */
function perch_impressions_sweep(): void {
	global $wpdb;
	$t = perch_impressions_tables();
	$wpdb->query( $wpdb->prepare( "DELETE FROM {$t['seen']} WHERE seen_at < %d", perch_now_ms() - PERCH_IMPRESSION_LIMITS['maxPastMs'] ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name.
}

/** Why a batch was refused. */
final class Perch_Batch_Error extends Exception {
	/** @var int HTTP status. */
	public int $status;
	/** @var string Error code. */
	public string $reason;
	/** @var string|null Field at fault. */
	public ?string $param;

	public function __construct( int $status, string $reason, string $message, ?string $param = null ) {
		parent::__construct( $message );
		$this->status = $status;
		$this->reason = $reason;
		$this->param  = $param;
	}
}

/**
 * Check a decoded batch at time `$now` (ms); returns the events or throws Perch_Batch_Error.
 *
 * @param mixed $body The decoded body (stdClass expected).
 * @param int   $now  Epoch milliseconds.
 */
function perch_impressions_validate( mixed $body, int $now ): array {
	$fail = function ( string $reason, string $message, string $param ): void {
		throw new Perch_Batch_Error( 400, $reason, $message, $param );
	};
	if ( ! ( $body instanceof stdClass ) ) {
		$fail( 'wrong-type', 'The body must be a JSON object.', 'body' );
	}
	foreach ( array_keys( get_object_vars( $body ) ) as $key ) {
		if ( ! in_array( (string) $key, array( 'v', 'pageView', 'site', 'path', 'events' ), true ) ) {
			$fail( 'unknown-field', 'Unknown field "' . mb_substr( (string) $key, 0, 40 ) . '" in batch.', (string) $key );
		}
	}
	if ( 1 !== ( $body->v ?? null ) ) {
		$fail( 'unsupported-version', 'Field "v" must be 1.', 'v' );
	}
	$page_view = $body->pageView ?? null;
	if ( ! is_string( $page_view ) || ! preg_match( '/^[A-Za-z0-9_-]{22,36}$/D', $page_view ) ) {
		$fail( 'invalid-page-view', 'Field "pageView" must be 22–36 characters of A–Z, a–z, 0–9, "_" or "-".', 'pageView' );
	}
	$site = $body->site ?? null;
	if ( ! is_string( $site ) || strlen( $site ) > PERCH_IMPRESSION_LIMITS['maxSiteLength'] || ! preg_match( '/^https?:\/\/([a-z0-9]([a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\])(:\d{1,5})?$/D', $site ) ) {
		$fail( 'invalid-site', 'Field "site" must be a lowercase origin such as https://news.example.', 'site' );
	}
	$path = $body->path ?? null;
	if ( ! is_string( $path ) || ! str_starts_with( $path, '/' ) || mb_strlen( $path ) > PERCH_IMPRESSION_LIMITS['maxPathLength'] || preg_match( '/[\s\x00-\x1f]/u', $path ) ) {
		$fail( 'invalid-path', 'Field "path" must start with "/" and be at most ' . PERCH_IMPRESSION_LIMITS['maxPathLength'] . ' characters without spaces.', 'path' );
	}
	$events = $body->events ?? null;
	if ( ! is_array( $events ) ) {
		$fail( 'wrong-type', 'Field "events" must be an array.', 'events' );
	}
	if ( count( $events ) === 0 ) {
		$fail( 'no-events', 'Field "events" is empty.', 'events' );
	}
	if ( count( $events ) > PERCH_IMPRESSION_LIMITS['maxEvents'] ) {
		throw new Perch_Batch_Error( 413, 'too-many-events', 'At most ' . PERCH_IMPRESSION_LIMITS['maxEvents'] . ' events per batch, got ' . count( $events ) . '.', 'events' );
	}
	$seen = array();
	$out  = array();
	foreach ( $events as $i => $raw ) {
		$at = "events[$i]";
		if ( ! ( $raw instanceof stdClass ) ) {
			$fail( 'wrong-type', "$at must be an object.", $at );
		}
		foreach ( array_keys( get_object_vars( $raw ) ) as $key ) {
			if ( ! in_array( (string) $key, array( 'seq', 'kind', 'type', 'id', 'ts' ), true ) ) {
				$fail( 'unknown-field', 'Unknown field "' . mb_substr( (string) $key, 0, 40 ) . "\" in $at.", "$at.$key" );
			}
		}
		$seq = $raw->seq ?? null;
		if ( ! is_int( $seq ) || $seq < 0 || $seq > 9007199254740991 ) {
			$fail( 'invalid-seq', "$at.seq must be an integer ≥ 0.", "$at.seq" );
		}
		if ( isset( $seen[ $seq ] ) ) {
			$fail( 'duplicate-seq', "$at.seq $seq appears twice in the batch.", "$at.seq" );
		}
		$seen[ $seq ] = true;
		$kind         = $raw->kind ?? null;
		if ( 'post' !== $kind && 'timeline' !== $kind ) {
			$fail( 'invalid-kind', "$at.kind must be \"post\" or \"timeline\".", "$at.kind" );
		}
		$type = $raw->type ?? null;
		if ( 'rendered' !== $type && 'viewable' !== $type ) {
			$fail( 'invalid-type', "$at.type must be \"rendered\" or \"viewable\".", "$at.type" );
		}
		$id = $raw->id ?? null;
		if ( ! is_string( $id ) || ! preg_match( 'post' === $kind ? '/^\d{1,20}$/D' : '/^[A-Za-z0-9_:.-]{1,64}$/D', $id ) ) {
			$fail( 'invalid-id', 'post' === $kind ? "$at.id must be a post id (digits)." : "$at.id must be a timeline id (A–Z, a–z, 0–9, _ : . -; at most 64).", "$at.id" );
		}
		$ts = $raw->ts ?? null;
		if ( ! is_int( $ts ) && ! ( is_float( $ts ) && is_finite( $ts ) ) ) {
			$fail( 'wrong-type', "$at.ts must be a number (epoch milliseconds).", "$at.ts" );
		}
		if ( $ts > $now + PERCH_IMPRESSION_LIMITS['maxFutureMs'] ) {
			$fail( 'future-timestamp', "$at.ts is more than 10 minutes in the future.", "$at.ts" );
		}
		if ( $ts < $now - PERCH_IMPRESSION_LIMITS['maxPastMs'] ) {
			$fail( 'stale-timestamp', "$at.ts is more than 48 hours in the past.", "$at.ts" );
		}
		$out[] = array( 'seq' => $seq, 'kind' => $kind, 'type' => $type, 'id' => $id, 'ts' => (int) floor( $ts ) );
	}
	return array( 'pageView' => $page_view, 'events' => $out );
}

/**
 * `POST /v1/impressions`.
 *
 * @param WP_REST_Request $request The request.
 */
function perch_rest_post_impressions( WP_REST_Request $request ): WP_REST_Response {
	$cors = array( 'Access-Control-Allow-Origin' => '*' );
	try {
		$type = strtolower( trim( explode( ';', (string) $request->get_header( 'content-type' ) )[0] ) );
		if ( '' !== $type && 'text/plain' !== $type && 'application/json' !== $type ) {
			throw new Perch_Batch_Error( 415, 'unsupported-content-type', 'Send the batch as text/plain or application/json.' );
		}
		$text = (string) $request->get_body();
		if ( strlen( $text ) > PERCH_IMPRESSION_LIMITS['maxBodyBytes'] ) {
			throw new Perch_Batch_Error( 413, 'body-too-large', 'The body is limited to ' . PERCH_IMPRESSION_LIMITS['maxBodyBytes'] . ' bytes.' );
		}
		try {
			$body = json_decode( $text, false, 64, JSON_THROW_ON_ERROR );
		} catch ( JsonException $e ) {
			throw new Perch_Batch_Error( 400, 'malformed-json', 'The body is not valid JSON.' );
		}
		$batch = perch_impressions_validate( $body, perch_now_ms() );
	} catch ( Perch_Batch_Error $e ) {
		return perch_rest_error( $e->status, $e->reason, $e->getMessage(), $e->param, $cors );
	}
	perch_impressions_maybe_install();
	$ack = perch_impressions_count( $batch['pageView'], $batch['events'] );
	if ( null === $ack ) {
		return perch_rest_error( 503, 'store-unavailable', 'Impressions cannot be stored right now; send them again later.', null, array_merge( $cors, array( 'Retry-After' => '60' ) ) );
	}
	return perch_rest_json( 200, $ack, array_merge( $cors, array( 'Cache-Control' => 'no-store' ) ) );
}

/**
 * Count a validated batch: each (page view, seq) once, into the UTC day of its timestamp.
 * Returns the acknowledgement, or null when the database refused the write.
 *
 * @param string $page_view The page view id.
 * @param array  $events    Validated events.
 */
function perch_impressions_count( string $page_view, array $events ): ?array {
	global $wpdb;
	$t       = perch_impressions_tables();
	$ack     = array( 'accepted' => 0, 'duplicates' => 0 );
	$limited = 0;
	$unknown = 0;
	$now     = perch_now_ms();
	$already = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$t['seen']} WHERE page_view = %s", $page_view ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name.
	$totals  = array();
	foreach ( $events as $e ) {
		if ( 'post' === $e['kind'] && ! perch_posts_served( $e['id'] ) ) {
			++$unknown;
			continue;
		}
		$exists = $wpdb->get_var( $wpdb->prepare( "SELECT 1 FROM {$t['seen']} WHERE page_view = %s AND seq = %d", $page_view, $e['seq'] ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name.
		if ( null !== $exists ) {
			++$ack['duplicates'];
			continue;
		}
		if ( $already >= PERCH_IMPRESSION_LIMITS['maxEventsPerPageView'] ) {
			++$limited;
			continue;
		}
		$inserted = $wpdb->query( $wpdb->prepare( "INSERT IGNORE INTO {$t['seen']} (page_view, seq, seen_at) VALUES (%s, %d, %d)", $page_view, $e['seq'], $now ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name.
		if ( false === $inserted ) {
			return null;
		}
		if ( 0 === $inserted ) {
			++$ack['duplicates'];
			continue;
		}
		++$already;
		++$ack['accepted'];
		$key            = gmdate( 'Y-m-d', intdiv( $e['ts'], 1000 ) ) . "\n" . $e['kind'] . "\n" . $e['type'] . "\n" . $e['id'];
		$totals[ $key ] = ( $totals[ $key ] ?? 0 ) + 1;
	}
	foreach ( $totals as $key => $n ) {
		list( $day, $kind, $type, $id ) = explode( "\n", $key );
		$ok = $wpdb->query( $wpdb->prepare( "INSERT INTO {$t['totals']} (day, kind, type, post_id, count) VALUES (%s, %s, %s, %s, %d) ON DUPLICATE KEY UPDATE count = count + VALUES(count)", $day, $kind, $type, $id, $n ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name.
		if ( false === $ok ) {
			return null;
		}
	}
	if ( $limited > 0 ) {
		$ack['limited'] = $limited;
	}
	if ( $unknown > 0 ) {
		$ack['unknown'] = $unknown;
	}
	if ( $ack['accepted'] > 0 ) {
		/** Fires after impressions were counted (alerts listen here). */
		do_action( 'perch_impressions_counted', $ack['accepted'] );
	}
	return $ack;
}
