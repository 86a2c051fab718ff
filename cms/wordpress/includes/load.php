<?php
/**
 * Loads the plugin's files. Each file only declares functions; hooks.php wires them.
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || exit;

require_once __DIR__ . '/translations.php';
require_once __DIR__ . '/settings.php';
require_once __DIR__ . '/markup.php';
require_once __DIR__ . '/post-urls.php';
require_once __DIR__ . '/page-config.php';
require_once __DIR__ . '/shortcodes.php';
require_once __DIR__ . '/embeds.php';
require_once __DIR__ . '/content.php';
require_once __DIR__ . '/plain-output.php';
require_once __DIR__ . '/post-data.php';
require_once __DIR__ . '/static-render.php';
require_once __DIR__ . '/reserve.php';
require_once __DIR__ . '/render.php';
require_once __DIR__ . '/blocks.php';
require_once __DIR__ . '/consent.php';
require_once __DIR__ . '/settings-page.php';
require_once __DIR__ . '/impressions-data.php';
require_once __DIR__ . '/impressions-admin.php';
require_once __DIR__ . '/impressions-network.php';
require_once __DIR__ . '/impressions-alerts.php';
require_once __DIR__ . '/site-health.php';
foreach ( glob( __DIR__ . '/rest/*.php' ) ?: array() as $perch_rest_file ) {
	require_once $perch_rest_file;
}
foreach ( glob( __DIR__ . '/data/*.php' ) ?: array() as $perch_data_file ) {
	require_once $perch_data_file;
}
unset( $perch_rest_file, $perch_data_file );
require_once __DIR__ . '/hooks.php';
