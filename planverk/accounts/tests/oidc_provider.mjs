// An OpenID Connect provider for the sign-in tests: npm's oidc-provider, in memory,
// on 127.0.0.1, with one confidential client. Its built-in "devInteractions" pages
// sign in whoever types a login name (any password); the name is the subject.
//
// Usage (from the repository root, so that node_modules resolves):
//   OP_PORT=4000 OP_CLIENT_ID=planverk OP_CLIENT_SECRET=secret \
//   OP_REDIRECT_URI=http://localhost:8000/konto/oidc/idporten/tilbake/ \
//   node planverk/accounts/tests/oidc_provider.mjs
import Provider from 'oidc-provider';

const port = Number(process.env.OP_PORT);
const issuer = `http://127.0.0.1:${port}`;

function account(id) {
  const given = id.charAt(0).toUpperCase() + id.slice(1);
  return {
    sub: id,
    email: `${id}@example.no`,
    email_verified: true,
    name: `${given} Testesen`,
    given_name: given,
    family_name: 'Testesen',
  };
}

const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.OP_CLIENT_ID,
    client_secret: process.env.OP_CLIENT_SECRET,
    redirect_uris: [process.env.OP_REDIRECT_URI],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name'],
  },
  // Like ID-porten: a confidential client must use PKCE too.
  pkce: { required: () => true },
  async findAccount(ctx, id) {
    return { accountId: id, async claims() { return account(id); } };
  },
  cookies: { keys: [`test-only-cookie-key-${port}`] },
});
provider.proxy = false;
provider.listen(port, '127.0.0.1', () => console.log(`ready ${issuer}`));
