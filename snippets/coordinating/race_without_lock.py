import asyncio


async def deposit(account, amount):
    seen = account["balance"]
    await asyncio.sleep(amount / 100)  # others run and read the old balance
    account["balance"] = seen + amount
    print(f"  deposit {amount}: read {seen}, wrote {account['balance']}")
    #>   deposit 10: read 0, wrote 10
    #>   deposit 20: read 0, wrote 20
    #>   deposit 30: read 0, wrote 30
    #>   deposit 10: read 0, wrote 10
    #>   deposit 20: read 10, wrote 30
    #>   deposit 30: read 30, wrote 60


async def locked_deposit(lock, account, amount):
    async with lock:  # read, wait and write, with no other deposit in between
        await deposit(account, amount)


async def main():
    print("without a lock:")
    #> without a lock:
    account = {"balance": 0}
    await asyncio.gather(*(deposit(account, n) for n in (10, 20, 30)))
    print(f"  balance {account['balance']}, not 60: two deposits were lost")
    #>   balance 30, not 60: two deposits were lost

    print("with a lock:")
    #> with a lock:
    account = {"balance": 0}
    lock = asyncio.Lock()
    await asyncio.gather(
        *(locked_deposit(lock, account, n) for n in (10, 20, 30))
    )
    print(f"  balance {account['balance']}")
    #>   balance 60


asyncio.run(main())
