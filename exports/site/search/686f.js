kgSearch.add("686f",[
["Cybersecurity has become a contentious issue in U.S.-China relations. How does China believe the two sides should address these differences, and how does China envision the future of U.S.-China cyber relations?","wang-lei-interview-question-2","question"],
["He urged the U.S. to reflect on the kind of cyber relationship it should establish with China, the rules by which the two countries should interact, and how to jointly explore the right way to coexist in cyberspace.","wang-urges-us-to-reflect","claim"]]);
