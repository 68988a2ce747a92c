kgSearch.add("6765",[
["deputy director-general","deputy-director-general","rank"]]);
