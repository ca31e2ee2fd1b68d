print("regioncheck")
