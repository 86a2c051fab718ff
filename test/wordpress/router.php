<?php
// Router for `php -S`: real files are served as they are, everything else goes to WordPress
// (pretty permalinks, /wp-json/). On a subdirectory multisite, `/site/wp-admin/…`,
// `/site/wp-includes/…`, `/site/wp-content/…` and `/site/*.php` are core's own files, as
// WordPress's .htaccess rules for a network map them.
$root = $_SERVER['DOCUMENT_ROOT'];
$path = urldecode( (string) parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH ) );
if ( '/' !== $path && file_exists( $root . $path ) ) {
	if ( is_dir( $root . $path ) && ! file_exists( rtrim( $root . $path, '/' ) . '/index.php' ) ) {
		// A folder without index.php: let WordPress answer.
	} else {
		return false;
	}
}
if ( preg_match( '#^/[_0-9a-zA-Z-]+(/(wp-(content|admin|includes)(/.*)?|[^/]+\.php))$#D', $path, $m ) ) {
	$file = $root . $m[1];
	if ( is_dir( $file ) ) {
		$file = rtrim( $file, '/' ) . '/index.php';
	}
	if ( is_file( $file ) ) {
		if ( str_ends_with( $file, '.php' ) ) {
			$script                     = substr( $file, strlen( $root ) );
			$_SERVER['SCRIPT_NAME']     = $script;
			$_SERVER['SCRIPT_FILENAME'] = $file;
			$_SERVER['PHP_SELF']        = $script;
			chdir( dirname( $file ) );
			require $file;
			return true;
		}
		$types = array(
			'css'   => 'text/css',
			'js'    => 'text/javascript',
			'json'  => 'application/json',
			'svg'   => 'image/svg+xml',
			'png'   => 'image/png',
			'gif'   => 'image/gif',
			'jpg'   => 'image/jpeg',
			'woff'  => 'font/woff',
			'woff2' => 'font/woff2',
		);
		header( 'Content-Type: ' . ( $types[ strtolower( pathinfo( $file, PATHINFO_EXTENSION ) ) ] ?? 'application/octet-stream' ) );
		readfile( $file );
		return true;
	}
}
$_SERVER['SCRIPT_NAME']     = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $root . '/index.php';
$_SERVER['PHP_SELF']        = '/index.php';
chdir( $root );
require $root . '/index.php';
