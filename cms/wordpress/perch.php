<?php
/**
 * Plugin Name:       Perch for X embeds
 * Plugin URI:        https://github.com/perch-widgets/perch
 * Description:       Fast, private X (Twitter) posts, timelines, buttons and video within X's publisher rules: consent first, the under-13 switch, sound-off video, impression counting. Everything is served from this site.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      8.1
 * Author:            Perch contributors
 * License:           MIT
 * License URI:       https://opensource.org/licenses/MIT
 * Text Domain:       perch
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || exit;

define( 'PERCH_VERSION', '0.1.0' );
define( 'PERCH_PLUGIN_FILE', __FILE__ );
define( 'PERCH_PLUGIN_DIR', __DIR__ . '/' );

require_once __DIR__ . '/includes/load.php';
