#include "import.h"
kg_status kg_import_wikidata(const kg_import_input *in)
{
  (void)in;
  return KG_ERR_USAGE;
}
