<?php
// Router for `php -S`: real files are served as they are, everything else goes to WordPress
// (pretty permalinks, /wp-json/).
$root = $_SERVER['DOCUMENT_ROOT'];
$path = urldecode( (string) parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH ) );
if ( '/' !== $path && file_exists( $root . $path ) ) {
	if ( is_dir( $root . $path ) && ! file_exists( rtrim( $root . $path, '/' ) . '/index.php' ) ) {
		// A folder without index.php: let WordPress answer.
	} else {
		return false;
	}
}
$_SERVER['SCRIPT_NAME']     = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $root . '/index.php';
$_SERVER['PHP_SELF']        = '/index.php';
chdir( $root );
require $root . '/index.php';
