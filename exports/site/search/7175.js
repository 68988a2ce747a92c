kgSearch.add("7175",[
["Cybersecurity has become a contentious issue in U.S.-China relations. How does China believe the two sides should address these differences, and how does China envision the future of U.S.-China cyber relations?","wang-lei-interview-question-2","question"],
["U.S. National Security Advisor Jake Sullivan has stated that the U.S. has sent a clear message to China about the potential consequences of destructive cyberattacks on U.S. critical infrastructure. What is China's response to this?","wang-lei-interview-question-1","question"]]);
