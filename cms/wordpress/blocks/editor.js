/**
 * Perch's blocks in the block editor, on WordPress's globals (no build step). The preview is
 * ServerSideRender of the block: the same markup as the front end, upgraded by Perch's loader.
 * Inspector controls cover every attribute of the element; pasted X post URLs become Post blocks.
 */
(function (wp) {
	'use strict';
	var el = wp.element.createElement;
	var __ = wp.i18n.__;
	var blocks = wp.blocks;
	var components = wp.components;
	var blockEditor = wp.blockEditor;
	var ServerSideRender = wp.serverSideRender;
	var POST_URL = new RegExp((window.perchBlocks && window.perchBlocks.postUrlPattern) || '^https?://(?:www\\.|mobile\\.)?(?:twitter|x)\\.com/(?:\\w{1,15}|i/web|i)/status(?:es)?/(\\d{1,20})', 'i');

	var THEME = { type: 'select', label: __('Theme', 'perch'), options: [['', __('Site default', 'perch')], ['light', __('Light', 'perch')], ['dark', __('Dark', 'perch')], ['auto', __('Auto (reader\'s colour scheme)', 'perch')]] };
	var SIZE = { type: 'select', label: __('Size', 'perch'), options: [['', __('Default', 'perch')], ['small', __('Small', 'perch')], ['large', __('Large', 'perch')]] };
	var DNT = { type: 'toggle', label: __('Opt out of personalisation by X (dnt)', 'perch') };

	/** Inspector fields per block, in order; `main` is asked for in the placeholder. */
	var FIELDS = {
		post: {
			main: 'url',
			url: { type: 'text', label: __('Post URL', 'perch') },
			tweetId: { type: 'text', label: __('Post id', 'perch') },
			theme: THEME,
			width: { type: 'number', label: __('Width (250–550 px)', 'perch') },
			align: { type: 'select', label: __('Alignment', 'perch'), options: [['', __('Default', 'perch')], ['left', __('Left', 'perch')], ['center', __('Center', 'perch')], ['right', __('Right', 'perch')]] },
			hideCards: { type: 'toggle', label: __('Hide link previews and media cards', 'perch') },
			hideThread: { type: 'toggle', label: __('Hide the post it replies to', 'perch') },
			lang: { type: 'text', label: __('Language (e.g. en, fr)', 'perch') },
			dnt: DNT
		},
		timeline: {
			main: 'url',
			url: { type: 'text', label: __('Profile or list URL', 'perch') },
			screenName: { type: 'text', label: __('Account (screen name)', 'perch') },
			userId: { type: 'text', label: __('Account id', 'perch') },
			ownerScreenName: { type: 'text', label: __('List owner', 'perch') },
			slug: { type: 'text', label: __('List slug', 'perch') },
			listId: { type: 'text', label: __('List id', 'perch') },
			tweetLimit: { type: 'number', label: __('Number of posts (1–20, no scrolling)', 'perch') },
			height: { type: 'number', label: __('Height (px)', 'perch') },
			width: { type: 'number', label: __('Width (px)', 'perch') },
			chrome: { type: 'text', label: __('Chrome (noheader nofooter noborders transparent noscrollbar)', 'perch') },
			showReplies: { type: 'toggle', label: __('Show replies', 'perch') },
			borderColor: { type: 'text', label: __('Border colour (#rrggbb)', 'perch') },
			liveRegion: { type: 'select', label: __('Announce new posts', 'perch'), options: [['', __('Politely (default)', 'perch')], ['polite', __('Politely', 'perch')], ['assertive', __('At once', 'perch')]] },
			theme: THEME,
			lang: { type: 'text', label: __('Language', 'perch') },
			dnt: DNT
		},
		video: {
			main: 'url',
			url: { type: 'text', label: __('Post URL', 'perch') },
			tweetId: { type: 'text', label: __('Post id', 'perch') },
			autoplay: { type: 'select', label: __('Autoplay', 'perch'), options: [['', __('Site default', 'perch')], ['off', __('Off (click to play)', 'perch')], ['in-view', __('Muted, when in view', 'perch')]] },
			dnt: DNT
		},
		share: {
			main: 'text',
			text: { type: 'text', label: __('Text', 'perch') },
			url: { type: 'text', label: __('URL to share (default: the page)', 'perch') },
			hashtags: { type: 'text', label: __('Hashtags (comma-separated)', 'perch') },
			via: { type: 'text', label: __('Via (account)', 'perch') },
			related: { type: 'text', label: __('Related accounts', 'perch') },
			size: SIZE,
			theme: THEME,
			dnt: DNT
		},
		follow: {
			main: 'screenName',
			screenName: { type: 'text', label: __('Account (screen name)', 'perch') },
			hideScreenName: { type: 'toggle', label: __('Hide the screen name', 'perch') },
			size: SIZE,
			theme: THEME,
			dnt: DNT
		},
		mention: {
			main: 'screenName',
			screenName: { type: 'text', label: __('Account (screen name)', 'perch') },
			text: { type: 'text', label: __('Text', 'perch') },
			related: { type: 'text', label: __('Related accounts', 'perch') },
			size: SIZE,
			theme: THEME,
			dnt: DNT
		},
		hashtag: {
			main: 'hashtag',
			hashtag: { type: 'text', label: __('Hashtag', 'perch') },
			text: { type: 'text', label: __('Text', 'perch') },
			url: { type: 'text', label: __('URL', 'perch') },
			related: { type: 'text', label: __('Related accounts', 'perch') },
			size: SIZE,
			theme: THEME,
			dnt: DNT
		},
		'consent-settings': {}
	};

	function control(name, field, attributes, setAttributes) {
		var value = attributes[name];
		var set = function (v) {
			var change = {};
			change[name] = v;
			setAttributes(change);
		};
		if (field.type === 'toggle') {
			return el(components.ToggleControl, { key: name, label: field.label, checked: !!value, onChange: set });
		}
		if (field.type === 'select') {
			return el(components.SelectControl, {
				key: name,
				label: field.label,
				value: value || '',
				options: field.options.map(function (o) { return { value: o[0], label: o[1] }; }),
				onChange: set
			});
		}
		if (field.type === 'number') {
			return el(components.TextControl, {
				key: name,
				type: 'number',
				label: field.label,
				value: value === undefined || value === null ? '' : String(value),
				onChange: function (v) { set(v === '' ? undefined : Number(v)); }
			});
		}
		return el(components.TextControl, { key: name, label: field.label, value: value || '', onChange: set });
	}

	function edit(block, fields) {
		return function (props) {
			var attributes = props.attributes;
			var names = Object.keys(fields).filter(function (k) { return k !== 'main'; });
			var inspector = names.length === 0 ? null : el(
				blockEditor.InspectorControls,
				{ key: 'inspector' },
				el(components.PanelBody, { title: __('Settings', 'perch') }, names.map(function (n) { return control(n, fields[n], attributes, props.setAttributes); }))
			);
			var blockProps = blockEditor.useBlockProps ? blockEditor.useBlockProps() : {};
			var preview = el(ServerSideRender, {
				block: 'perch/' + block,
				attributes: attributes,
				EmptyResponsePlaceholder: function () {
					return el(components.Placeholder, { label: blocks.getBlockType('perch/' + block).title, instructions: fields.main ? fields[fields.main].label : '' },
						fields.main ? control(fields.main, fields[fields.main], attributes, props.setAttributes) : null);
				}
			});
			return el('div', blockProps, [inspector, el('div', { key: 'preview', className: 'perch-block-preview' }, preview)]);
		};
	}

	function postTransforms() {
		return {
			from: [
				{
					// A pasted post URL on its own: ahead of core/embed, which would ask X.
					type: 'raw',
					priority: 1,
					isMatch: function (node) {
						return node.nodeName === 'P' && POST_URL.test(node.textContent.trim()) && node.textContent.trim().indexOf(' ') === -1;
					},
					transform: function (node) {
						return blocks.createBlock('perch/post', { url: node.textContent.trim() });
					}
				},
				{
					type: 'block',
					blocks: ['core/embed'],
					isMatch: function (attributes) { return POST_URL.test(attributes.url || ''); },
					transform: function (attributes) { return blocks.createBlock('perch/post', { url: attributes.url }); }
				},
				{
					type: 'block',
					blocks: ['core/paragraph'],
					isMatch: function (attributes) { return POST_URL.test(String(attributes.content || '').replace(/<[^>]*>/g, '').trim()); },
					transform: function (attributes) { return blocks.createBlock('perch/post', { url: String(attributes.content).replace(/<[^>]*>/g, '').trim() }); }
				}
			],
			to: [
				{
					type: 'block',
					blocks: ['core/embed'],
					isMatch: function (attributes) { return !!attributes.url; },
					transform: function (attributes) { return blocks.createBlock('core/embed', { url: attributes.url, providerNameSlug: 'twitter', type: 'rich' }); }
				}
			]
		};
	}

	Object.keys(FIELDS).forEach(function (block) {
		var settings = { edit: edit(block, FIELDS[block]), save: function () { return null; } };
		if (block === 'post') settings.transforms = postTransforms();
		blocks.registerBlockType('perch/' + block, settings);
	});
})(window.wp);
