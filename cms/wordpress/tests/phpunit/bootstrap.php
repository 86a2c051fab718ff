<?php
/**
 * Bootstrap for the plugin's unit tests of its data layer and endpoint rules: the code under test
 * is loaded without WordPress (those files only declare classes and functions).
 *
 * @package Perch
 */

define( 'PERCH_CLI', true );
define( 'ABSPATH', sys_get_temp_dir() . '/' );
require_once __DIR__ . '/../../includes/data/load.php';
require_once __DIR__ . '/../../includes/rest/impressions.php';
require_once __DIR__ . '/../../includes/rest/timelines.php';
require_once __DIR__ . '/../../includes/rest/upstream.php';
