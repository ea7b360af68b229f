# Sends SIZE random bytes over one TCP connection to ADDRESS PORT, at most RATE bytes/s (0: as fast as it goes), and
# prints the byte count and their sha256 once the receiver has closed.
import hashlib
import os
import socket
import sys
import time

address, port, size, rate = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
data = os.urandom(size)
view = memoryview(data)
connection = socket.create_connection((address, port), timeout=60)
chunk = 256 * 1024
started = time.monotonic()
for offset in range(0, size, chunk):
    if rate:
        ahead = started + offset / rate - time.monotonic()
        if ahead > 0:
            time.sleep(ahead)
    connection.sendall(view[offset:offset + chunk])
connection.shutdown(socket.SHUT_WR)
connection.recv(1)
print(size, hashlib.sha256(data).hexdigest(), flush=True)
