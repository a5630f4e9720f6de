/* token.c: a token's input, its REDEEM mac and the token key's
 * signature. */
#include <string.h>
#include <sodium.h>

#include "frame.h"
#include "token.h"

size_t
token_input(unsigned char *x, char const *domain, uint64_t epoch,
    unsigned char const t[RUNE2_TOKEN_T_LEN])
{
	return frame2_token_input(x, FRAME2_TOKEN_INPUT_MAX, domain,
	    strlen(domain), epoch, t);
}

int
token_mac(unsigned char mac[RUNE2_TOKEN_MAC_LEN],
    unsigned char const y[VOPRF_OUT], char const *domain,
    struct addr const *receiver, uint64_t epoch,
    unsigned char const t[RUNE2_TOKEN_T_LEN])
{
	unsigned char f[FRAME2_REDEEM_MAX];
	size_t n;

	n = frame2_redeem(f, sizeof f, domain, strlen(domain), receiver->s,
	    receiver->len, epoch, t);
	if (n == 0)
		return 0;
	return crypto_generichash(mac, RUNE2_TOKEN_MAC_LEN, f, n, y,
	    VOPRF_OUT) == 0;
}

int
token_mac_check(unsigned char const mac[RUNE2_TOKEN_MAC_LEN],
    unsigned char const skT[VOPRF_SCALAR], char const *domain,
    struct addr const *receiver, uint64_t epoch,
    unsigned char const t[RUNE2_TOKEN_T_LEN])
{
	unsigned char x[FRAME2_TOKEN_INPUT_MAX], y[VOPRF_OUT];
	unsigned char want[RUNE2_TOKEN_MAC_LEN];
	size_t n;
	int ok;

	n = token_input(x, domain, epoch, t);
	ok = n != 0 && voprf_evaluate(y, skT, x, n) &&
	    token_mac(want, y, domain, receiver, epoch, t) &&
	    sodium_memcmp(want, mac, RUNE2_TOKEN_MAC_LEN) == 0;
	sodium_memzero(y, sizeof y);
	sodium_memzero(want, sizeof want);
	return ok;
}

int
token_key_sign(unsigned char ksig[RUNE_SIG_LEN], char const *domain,
    uint64_t epoch, unsigned char const pkT[VOPRF_ELEM],
    unsigned char const server_sk[RUNE_SK_LEN])
{
	unsigned char f[FRAME2_TOKEN_KEY_MAX];
	size_t n;

	n = frame2_token_key(f, sizeof f, domain, strlen(domain), epoch, pkT);
	return n != 0 && crypto_sign_detached(ksig, NULL, f, n,
	    server_sk) == 0;
}

int
token_key_verify(unsigned char const ksig[RUNE_SIG_LEN], char const *domain,
    uint64_t epoch, unsigned char const pkT[VOPRF_ELEM],
    unsigned char const server_pk[RUNE_PK_LEN])
{
	unsigned char f[FRAME2_TOKEN_KEY_MAX];
	size_t n;

	n = frame2_token_key(f, sizeof f, domain, strlen(domain), epoch, pkT);
	return n != 0 && voprf_element_ok(pkT) &&
	    crypto_sign_verify_detached(ksig, f, n, server_pk) == 0;
}
