/* site_assets.h - the site's style sheet and search script, compiled into
 * the binary so that an installed kgbuild needs no data file for them
 * (docs/site.md). */
#ifndef KG_SITE_ASSETS_H
#define KG_SITE_ASSETS_H

extern const char kg_site_css[];
extern const char kg_site_js[];

#endif
