<?php
/**
 * Loads the data layer: JSON readers, entity decoding, URL rules and the two normalizers
 * (syndication, X API v2), which turn X's bodies into post model v1 arrays.
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || defined( 'PERCH_CLI' ) || exit;

require_once __DIR__ . '/class-perch-json.php';
require_once __DIR__ . '/class-perch-text.php';
require_once __DIR__ . '/class-perch-safe-urls.php';
require_once __DIR__ . '/class-perch-normalize-syndication.php';
require_once __DIR__ . '/class-perch-normalize-x-api-v2.php';
