//! What several test files share.

use tokio::net::TcpSocket;

/// A loopback port on which every connection is refused, for as long as
/// the returned socket lives: the socket holds the port without listening
/// on it. A listener bound and dropped at once, as these tests used to do,
/// freed the port, and a mock server that a test running beside them
/// started could be given it: the "closed" port then answered.
pub fn refusing_port() -> (TcpSocket, u16) {
    let socket = TcpSocket::new_v4().expect("a TCP socket");
    socket
        .bind(([127, 0, 0, 1], 0).into())
        .expect("a free port on the loopback interface");
    let port = socket.local_addr().expect("a bound address").port();
    (socket, port)
}
