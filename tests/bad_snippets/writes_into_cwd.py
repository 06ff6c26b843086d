with open("example.txt", "w") as f:
    f.write("Hello, asyncio!")
