<!doctype html>
<html <?php language_attributes(); ?>>
<head><meta charset="utf-8"><?php wp_head(); ?></head>
<body <?php body_class(); ?>>
<main>
<?php
while ( have_posts() ) {
	the_post();
	echo '<article id="post-' . esc_attr( (string) get_the_ID() ) . '"><h1>' . esc_html( get_the_title() ) . '</h1><div class="entry-content">';
	the_content();
	echo '</div></article>';
}
?>
</main>
<?php wp_footer(); ?>
</body>
</html>
