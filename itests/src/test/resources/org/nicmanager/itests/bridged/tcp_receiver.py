# Receives one TCP connection on ADDRESS PORT. Prints "listening" once it listens, "passed N" each time another STEP
# bytes have arrived (a test pulls cables meanwhile), and at the end the byte count and their sha256.
import hashlib
import socket
import sys

address, port, step = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind((address, port))
server.listen(1)
server.settimeout(60)
print("listening", flush=True)
connection, _ = server.accept()
connection.settimeout(60)
digest = hashlib.sha256()
total = 0
mark = step
while True:
    data = connection.recv(1 << 20)
    if not data:
        break
    digest.update(data)
    total += len(data)
    while total >= mark:
        print("passed", mark, flush=True)
        mark += step
print(total, digest.hexdigest(), flush=True)
connection.close()
