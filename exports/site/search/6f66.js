kgSearch.add("6f66",[
["Cyber and Digital Affairs Office","cyber-digital-affairs-office","office"]]);
