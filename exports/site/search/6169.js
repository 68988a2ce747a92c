kgSearch.add("6169",[
["bilateral and global AI dialogues","ai-dialogues","topic"]]);
