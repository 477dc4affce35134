Content-Length: 5

[1,2]Content-Length:  4 

nullContent-Length: 12

"just a str"