<?php
/**
 * Typed readers for untrusted JSON decoded with json_decode( $text, false ): each returns the value
 * with its type or throws a Perch_Payload_Error naming the path, so a bad payload never half-renders.
 * Objects are stdClass, lists are PHP lists (so `{}` and `[]` stay apart). A port of src/data/read-json.ts.
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || defined( 'PERCH_CLI' ) || exit;

/** A payload (from X, or inline JSON) that does not fit the post model. */
class Perch_Payload_Error extends Exception {
	/** @var string One of not-an-object, missing-field, wrong-type, invalid-value, unsupported. */
	public string $reason;
	/** @var string Path of the offending field, e.g. `$.user.screen_name`. */
	public string $path;

	public function __construct( string $reason, string $path, string $message ) {
		parent::__construct( ( '' !== $path ? $path . ': ' : '' ) . $message );
		$this->reason = $reason;
		$this->path   = $path;
	}
}

/** Small typed readers over decoded JSON. */
final class Perch_Json {
	/** Decode JSON text keeping objects as stdClass; throws Perch_Payload_Error when it is not JSON. */
	public static function decode( string $text ): mixed {
		try {
			return json_decode( $text, false, 512, JSON_THROW_ON_ERROR );
		} catch ( JsonException $e ) {
			throw new Perch_Payload_Error( 'wrong-type', '$', 'not JSON' );
		}
	}

	/** Whether `$value` is a JSON object. */
	public static function is_object( mixed $value ): bool {
		return $value instanceof stdClass;
	}

	/** Whether the object has the key (present, even when null). */
	public static function has( stdClass $o, string $key ): bool {
		return property_exists( $o, $key );
	}

	/** The value at `$key`, or null when absent. */
	public static function get( stdClass $o, string $key ): mixed {
		return property_exists( $o, $key ) ? $o->{$key} : null;
	}

	/** A short description of a value's type for error messages (never its content). */
	public static function describe( mixed $value ): string {
		if ( null === $value ) {
			return 'null';
		}
		if ( is_array( $value ) ) {
			return 'an array';
		}
		if ( $value instanceof stdClass ) {
			return 'an object';
		}
		if ( is_string( $value ) ) {
			return 'string';
		}
		if ( is_bool( $value ) ) {
			return 'boolean';
		}
		return 'number';
	}

	/** `$value` as an object. */
	public static function obj( mixed $value, string $path, bool $present = true ): stdClass {
		if ( ! ( $value instanceof stdClass ) ) {
			throw new Perch_Payload_Error( $present ? 'not-an-object' : 'missing-field', $path, 'expected an object, got ' . ( $present ? self::describe( $value ) : 'undefined' ) );
		}
		return $value;
	}

	/** The object at `$o->$key` (absent is a missing field). */
	public static function field_obj( stdClass $o, string $key, string $path ): stdClass {
		return self::obj( self::get( $o, $key ), $path, self::has( $o, $key ) );
	}

	/** A required string field. */
	public static function str( stdClass $o, string $key, string $path ): string {
		$v = self::get( $o, $key );
		if ( ! is_string( $v ) ) {
			throw new Perch_Payload_Error( self::has( $o, $key ) ? 'wrong-type' : 'missing-field', "$path.$key", 'expected a string, got ' . self::describe( $v ) );
		}
		return $v;
	}

	/** An optional string field (absent or null gives null; any other type is an error). */
	public static function opt_str( stdClass $o, string $key, string $path ): ?string {
		$v = self::get( $o, $key );
		if ( null === $v ) {
			return null;
		}
		if ( ! is_string( $v ) ) {
			throw new Perch_Payload_Error( 'wrong-type', "$path.$key", 'expected a string, got ' . self::describe( $v ) );
		}
		return $v;
	}

	/** A required finite number (numeric strings, as X sends some counts, are accepted). */
	public static function num( stdClass $o, string $key, string $path ): int|float {
		$v = self::opt_num( $o, $key, $path );
		if ( null === $v ) {
			throw new Perch_Payload_Error( 'missing-field', "$path.$key", 'expected a number' );
		}
		return $v;
	}

	/** An optional finite number. */
	public static function opt_num( stdClass $o, string $key, string $path ): int|float|null {
		$v = self::get( $o, $key );
		if ( null === $v ) {
			return null;
		}
		if ( is_int( $v ) || ( is_float( $v ) && is_finite( $v ) ) ) {
			return $v;
		}
		if ( is_string( $v ) && preg_match( '/^-?[0-9]+(\.[0-9]+)?$/D', $v ) ) {
			return str_contains( $v, '.' ) ? (float) $v : ( ( strlen( ltrim( $v, '-0' ) ) < 19 ) ? (int) $v : (float) $v );
		}
		throw new Perch_Payload_Error( 'wrong-type', "$path.$key", 'expected a number, got ' . self::describe( $v ) );
	}

	/** An optional boolean. */
	public static function opt_bool( stdClass $o, string $key, string $path ): ?bool {
		$v = self::get( $o, $key );
		if ( null === $v ) {
			return null;
		}
		if ( ! is_bool( $v ) ) {
			throw new Perch_Payload_Error( 'wrong-type', "$path.$key", 'expected a boolean, got ' . self::describe( $v ) );
		}
		return $v;
	}

	/** An optional array (absent, null, or `{}` as some recorded payloads send, give []). */
	public static function arr( stdClass $o, string $key, string $path ): array {
		$v = self::get( $o, $key );
		if ( null === $v ) {
			return array();
		}
		if ( is_array( $v ) ) {
			return $v;
		}
		if ( $v instanceof stdClass && 0 === count( get_object_vars( $v ) ) ) {
			return array();
		}
		throw new Perch_Payload_Error( 'wrong-type', "$path.$key", 'expected an array, got ' . self::describe( $v ) );
	}

	/** Whether a JSON number is an integer (JavaScript's Number.isInteger). */
	public static function is_integer( mixed $v ): bool {
		return is_int( $v ) || ( is_float( $v ) && is_finite( $v ) && floor( $v ) === $v );
	}

	/** A `[start, end]` pair of non-negative integers with start ≤ end. */
	public static function range( mixed $value, string $path ): array {
		if ( ! is_array( $value ) || 2 !== count( $value ) ) {
			throw new Perch_Payload_Error( 'wrong-type', $path, 'expected [start, end], got ' . self::describe( $value ) );
		}
		list( $a, $b ) = $value;
		if ( ! self::is_integer( $a ) || ! self::is_integer( $b ) || $a < 0 || $b < 0 || $a > $b ) {
			throw new Perch_Payload_Error( 'invalid-value', $path, 'expected [start, end] with 0 ≤ start ≤ end, got ' . perch_json_for_message( $value ) );
		}
		return array( (int) $a, (int) $b );
	}

	/** A `[a, b]` pair of positive numbers (aspect ratios, sizes). */
	public static function positive_pair( mixed $value, string $path ): array {
		if ( ! is_array( $value ) || 2 !== count( $value ) ) {
			throw new Perch_Payload_Error( 'wrong-type', $path, 'expected [a, b], got ' . self::describe( $value ) );
		}
		list( $a, $b ) = $value;
		if ( ! ( is_int( $a ) || is_float( $a ) ) || ! ( is_int( $b ) || is_float( $b ) ) || ! ( $a > 0 ) || ! ( $b > 0 ) || ! is_finite( (float) $a ) || ! is_finite( (float) $b ) ) {
			throw new Perch_Payload_Error( 'invalid-value', $path, 'expected two positive numbers, got ' . perch_json_for_message( $value ) );
		}
		return array( $a, $b );
	}

	/**
	 * A date as JavaScript's `new Date(s).toISOString()` gives it (UTC, milliseconds), or null when
	 * it is not a date.
	 */
	public static function iso_time( string $value ): ?string {
		$ms = self::parse_time_ms( $value );
		return null === $ms ? null : self::iso_from_ms( $ms );
	}

	/** Epoch milliseconds of a date string, or null when it is not one (only dated forms: never "now"). */
	public static function parse_time_ms( string $value ): ?int {
		if ( ! preg_match( '/[0-9]{4}/', $value ) ) {
			return null;
		}
		try {
			$date = new DateTimeImmutable( $value, new DateTimeZone( 'UTC' ) );
		} catch ( Exception $e ) {
			return null;
		}
		return (int) $date->format( 'U' ) * 1000 + (int) $date->format( 'v' );
	}

	/** ISO 8601 (UTC, milliseconds) of epoch milliseconds. */
	public static function iso_from_ms( int $ms ): string {
		$seconds = intdiv( $ms, 1000 );
		$rest    = $ms % 1000;
		if ( $rest < 0 ) {
			$rest += 1000;
			--$seconds;
		}
		return gmdate( 'Y-m-d\TH:i:s', $seconds ) . sprintf( '.%03dZ', $rest );
	}

	/** Post ids are decimal digits, at most 40 of them. */
	public static function is_post_id( mixed $id ): bool {
		return is_string( $id ) && 1 === preg_match( '/^[0-9]{1,40}$/D', $id );
	}
}

/** JSON for error messages, without WordPress. */
function perch_json_for_message( mixed $value ): string {
	$json = json_encode( $value, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_PARTIAL_OUTPUT_ON_ERROR );
	return false === $json ? '?' : $json;
}
