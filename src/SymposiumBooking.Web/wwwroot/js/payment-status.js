// "Payment pending" after Stripe Checkout (a booking's page, an order's page): ask the server every few seconds whether the webhook has confirmed the
// payment, and say so in the polite live region once it has. Without JavaScript the page refreshes itself instead.
(function () {
    var region = document.getElementById('payment-status');
    var url = region && region.getAttribute('data-status-url');
    if (!url) {
        return;
    }

    var timer = setInterval(function () {
        fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (answer) {
                if (!answer || answer.status === 'awaitingPayment') {
                    return;
                }

                clearInterval(timer);
                region.textContent = answer.message;
                var status = document.getElementById('booking-status') || document.getElementById('order-status');
                if (status) {
                    status.textContent = answer.statusText;
                    status.className = 'status status-' + answer.status;
                }
            })
            .catch(function () { /* offline for a moment: the next round asks again */ });
    }, 3000);
})();
