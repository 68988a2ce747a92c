kgSearch.add("32",[
["Cybersecurity has become a contentious issue in U.S.-China relations. How does China believe the two sides should address these differences, and how does China envision the future of U.S.-China cyber relations?","wang-lei-interview-question-2","question"]]);
