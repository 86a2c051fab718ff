<?php
/**
 * Dashboard → X impressions: daily totals (a bar chart drawn in SVG, no script), today's
 * projection against X's threshold, and the most shown posts; plus a dashboard widget.
 *
 * @package Perch
 */

defined( 'ABSPATH' ) || exit;

/** Adds the page under Dashboard. */
function perch_add_impressions_page(): void {
	add_dashboard_page( __( 'X embed impressions', 'perch' ), __( 'X impressions', 'perch' ), 'manage_options', 'perch-impressions', 'perch_render_impressions_page' );
}

/**
 * An SVG bar chart of daily totals, with a line at the threshold when it is in range.
 *
 * @param array<string, int> $daily     Day => count.
 * @param int                $threshold Daily threshold.
 */
function perch_impressions_chart( array $daily, int $threshold ): string {
	$width  = 720;
	$height = 200;
	$max    = max( 1, max( $daily ?: array( 0 ) ) );
	$scale  = max( $max, $threshold <= $max * 2 ? $threshold : 0 );
	$bar    = $width / max( 1, count( $daily ) );
	$svg    = sprintf( '<svg class="perch-impressions-chart" role="img" viewBox="0 0 %d %d" width="100%%" height="%d" aria-labelledby="perch-chart-title"><title id="perch-chart-title">%s</title>', $width, $height + 20, $height + 20, esc_html__( 'Impressions per day, last 30 days (UTC)', 'perch' ) );
	$i      = 0;
	foreach ( $daily as $day => $count ) {
		$h    = (int) round( $count / $scale * $height );
		$svg .= sprintf( '<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="#2271b1"><title>%s: %s</title></rect>', $i * $bar + 1, $height - $h, max( 1, $bar - 2 ), $h, esc_html( $day ), esc_html( number_format_i18n( $count ) ) );
		++$i;
	}
	if ( $threshold <= $scale ) {
		$y    = $height - (int) round( $threshold / $scale * $height );
		$svg .= sprintf( '<line x1="0" x2="%d" y1="%d" y2="%d" stroke="#d63638" stroke-dasharray="4 3"/>', $width, $y, $y );
	}
	$keys = array_keys( $daily );
	$svg .= sprintf( '<text x="0" y="%d" font-size="12">%s</text><text x="%d" y="%d" font-size="12" text-anchor="end">%s</text></svg>', $height + 16, esc_html( (string) reset( $keys ) ), $width, $height + 16, esc_html( (string) end( $keys ) ) );
	return $svg;
}

/** The page. */
function perch_render_impressions_page(): void {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	$daily      = perch_impressions_daily( 30 );
	$projection = perch_impressions_projection();
	$top        = perch_impressions_top( 7, 10 );
	echo '<div class="wrap perch-impressions"><h1>' . esc_html__( 'X embed impressions', 'perch' ) . '</h1>';
	if ( null === perch_impressions_table() ) {
		echo '<div class="notice notice-info"><p>' . esc_html__( 'No impressions recorded yet.', 'perch' ) . '</p></div>';
	}
	if ( 'off' === perch_setting( 'impressions' ) ) {
		echo '<div class="notice notice-warning"><p>' . esc_html__( 'Impression counting is off (Settings → Perch).', 'perch' ) . '</p></div>';
	}
	printf( '<p class="perch-projection">%s</p>', esc_html( perch_projection_sentence( $projection ) ) );
	if ( perch_impressions_network_wide() ) {
		$network = perch_network_projection();
		printf(
			'<p class="perch-network-projection">%s</p>',
			esc_html(
				sprintf(
					/* translators: 1: impressions today on the whole network, 2: percentage of the threshold. */
					__( 'X\'s threshold applies to the whole network: %1$s impressions today on all its sites, projected to %2$s%% of the daily threshold.', 'perch' ),
					number_format_i18n( $network['today'] ),
					number_format_i18n( $network['fraction'] * 100, 1 )
				)
			)
		);
	}
	echo perch_impressions_chart( $daily, $projection['threshold'] ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- built from escaped parts.
	echo '<h2>' . esc_html__( 'Most shown in the last 7 days', 'perch' ) . '</h2>';
	echo '<table class="widefat striped perch-top"><thead><tr><th>' . esc_html__( 'Post or timeline', 'perch' ) . '</th><th>' . esc_html__( 'Impressions', 'perch' ) . '</th></tr></thead><tbody>';
	if ( array() === $top ) {
		echo '<tr><td colspan="2">' . esc_html__( 'None yet.', 'perch' ) . '</td></tr>';
	}
	foreach ( $top as $row ) {
		$label = 'post' === $row['kind'] ? perch_fallback_link( perch_post_url( $row['id'] ), $row['id'] ) : esc_html( $row['kind'] . ' ' . $row['id'] );
		printf( '<tr><td>%s</td><td>%s</td></tr>', $label, esc_html( number_format_i18n( $row['count'] ) ) ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped above.
	}
	echo '</tbody></table></div>';
}

/** Registers the dashboard widget (the network admin's dashboard gets the network's). */
function perch_add_dashboard_widget(): void {
	if ( is_network_admin() ? current_user_can( 'manage_network_options' ) : current_user_can( 'manage_options' ) ) {
		wp_add_dashboard_widget( 'perch_impressions', __( 'X embed impressions', 'perch' ), 'perch_render_dashboard_widget' );
	}
}

/** The widget: today, projection, share of the threshold, link to the page. */
function perch_render_dashboard_widget(): void {
	$network = is_network_admin();
	$p       = $network ? perch_network_projection() : perch_impressions_projection();
	printf(
		'<p class="perch-dashboard-today">%s</p><p>%s</p><p><a href="%s">%s</a></p>',
		esc_html( sprintf( /* translators: %s: impressions. */ __( 'Today: %s impressions', 'perch' ), number_format_i18n( $p['today'] ) ) ),
		esc_html( sprintf( /* translators: 1: projection, 2: percentage. */ __( 'Projected: %1$s (%2$s%% of the daily threshold)', 'perch' ), number_format_i18n( $p['projected'] ), number_format_i18n( $p['fraction'] * 100, 1 ) ) ),
		esc_url( $network ? network_admin_url( 'index.php?page=perch-impressions' ) : admin_url( 'index.php?page=perch-impressions' ) ),
		esc_html__( 'Details', 'perch' )
	);
}
