kgSearch.add("646f",[
["While the two sides have differences in the cyber domain, these can and should be discussed openly and based on facts and evidence, underpinned by mutual respect and common rules.","wang-differences-discussed-openly","claim"],
["Cybersecurity has become a contentious issue in U.S.-China relations. How does China believe the two sides should address these differences, and how does China envision the future of U.S.-China cyber relations?","wang-lei-interview-question-2","question"]]);
