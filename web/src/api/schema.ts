// Generated from openapi.yaml by `npm run openapi` (openapi-typescript): do not edit.
// test/unit/openapi.test.ts fails when this file is stale.
export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process is up */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: the database (and Redis, when configured) answer */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/gongjue/result-signing-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The Ed25519 public key that signs certified results (docs/bundle.md); pass it to `gongjue verify --public-key` */
        get: operations["getResultSigningKey"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/login-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Text a one-time login code to a phone (valid 5 minutes)
         * @description At most one code a minute and five an hour per phone, LOGIN_CODES_PER_ADDRESS_PER_HOUR per client address, and a daily ceiling on codes sent to the phones of one estate (phones of no estate share one): 429 with Retry-After.
         */
        post: operations["requestLoginCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in with the phone and its one-time code (at most 5 tries per code) */
        post: operations["logIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange a refresh token for a new access token and the next refresh token
         * @description Send { refreshToken }, or {} from a browser that logged in with refreshTokenIn: cookie: the refresh cookie is used, and the next refresh token replaces it (absent from the answer). A refused cookie is cleared. With withMeeting, the answer also carries that meeting's GET /v1/meetings/{meetingId} and …/my-ballots answers, read with the new access token.
         */
        post: operations["refreshSession"];
        /**
         * Log a browser out: end the session of its refresh cookie and clear the cookie
         * @description The browser counterpart of POST /v1/auth/logout. Without a cookie there is nothing to end: 204 all the same.
         */
        delete: operations["logOutBrowser"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the session the refresh token belongs to; its access tokens are refused from the next request */
        post: operations["logOut"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** OAuth 2.0 client credentials: an access token for another system */
        post: operations["issueClientToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/townships": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the townships visible to the caller */
        get: operations["listTownships"];
        put?: never;
        /** Register a township (admin) */
        post: operations["createTownship"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/townships/{townshipId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One township */
        get: operations["getTownship"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/townships/{townshipId}/estates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A township's estates (admin, its staff, API clients of the township) */
        get: operations["listEstates"];
        put?: never;
        /** Register an estate in a township (admin, staff of the township) */
        post: operations["createEstate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/estates/{estateId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One estate with its settings */
        get: operations["getEstate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/estates/{estateId}/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An estate's settings, each with the statute it refines and the statute's value, and whether the caller may change them */
        get: operations["getEstateSettings"];
        /** Replace an estate's settings (admin, staff of its township). Overrides may only be stricter than the statute. */
        put: operations["replaceEstateSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/townships/{townshipId}/staff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A township's staff (admin) */
        get: operations["listTownshipStaff"];
        put?: never;
        /** Appoint a person (by phone) as staff of a township (admin) */
        post: operations["appointTownshipStaff"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/townships/{townshipId}/staff/{assignmentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a staff appointment (admin); the person is logged out everywhere, their access tokens refused from the next request */
        delete: operations["removeTownshipStaff"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/estates/{estateId}/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An estate's committee members and organisers, phones masked (admin, staff of its township, its committee and organisers), and whether the caller may appoint and remove them */
        get: operations["listEstateRoles"];
        put?: never;
        /** Appoint a committee member or organiser of an estate (admin, staff of its township) */
        post: operations["appointEstateRole"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/estates/{estateId}/roles/{assignmentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a committee member or organiser; the person is logged out everywhere, their access tokens refused from the next request */
        delete: operations["removeEstateRole"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Registered systems (admin) */
        get: operations["listApiClients"];
        put?: never;
        /** Register another system, scoped to townships and/or estates (admin). The secret is shown once. */
        post: operations["createApiClient"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-clients/{clientId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a system: no new tokens are issued to it, and those it holds are refused from the next request (admin) */
        delete: operations["revokeApiClient"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/estates/{estateId}/registry-imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload a registry extract (text/csv or application/json); returns the diff to apply
         * @description The whole file is validated first: any bad row makes a 422 listing every error with its line, and nothing is stored. Identity numbers are replaced by their keyed HMAC before anything is written. The preview is applied with POST …/registry-imports/{importId}/apply. Formats: docs/registry-import.md.
         */
        post: operations["previewRegistryImport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/estates/{estateId}/registry-imports/{importId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A registry import preview and its status */
        get: operations["getRegistryImport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/estates/{estateId}/registry-imports/{importId}/apply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Apply a previewed import atomically (only onto the registry version it was computed from) */
        post: operations["applyRegistryImport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/estates/{estateId}/units": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The estate's current units and owners (names and phones masked unless the caller is authorised staff) */
        get: operations["listUnits"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/estates/{estateId}/owners/{ownerId}/in-person-verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record that the owner showed their document in person, and bind them to the account of a phone
         * @description For committee members, organisers and township staff. Any earlier binding of this owner to another account is revoked. Organisations and the developer are verified only this way, by township staff, with `organisation`: the business licence (its credit code must match the registry) and the representative’s identity document, whose number is kept only as an HMAC.
         */
        post: operations["verifyOwnerInPerson"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/estates/{estateId}/units/{unitId}/representative": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Record the co-owner the owners of a unit chose to cast their vote (R1.4)
         * @description Used when the estate’s coOwnerVoting is "representative". Takes effect for meetings whose voting opens afterwards (the snapshot).
         */
        put: operations["designateRepresentative"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in person: phone, roles and the registry owners they are verified as */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/meetings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The meetings of every estate I am verified in, for the owner app’s home: past their draft, newest voting first
         * @description Each with `phase` (upcoming: the notice is out, voting not yet open; open; closed; cancelled), and how far I am: `mayVoteOn` motions whose electorate holds a voter of an owner I am bound to (0 until voting opens and freezes it), `votedOn` of those with a ballot standing for every such voter. `asOf`: the service’s clock, to count the time left from. At most 100.
         */
        get: operations["listMyMeetings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Bind this account to the registry owner with this name and identity number
         * @description A match makes the account a verified owner of all that owner’s units, in every estate. The binding’s level of assurance (README "Identity assurance"): `registry_factor` when the property certificate number given is one the registry records for the owner (a wrong one is a failed attempt) or the login phone is the owner’s phone on record, else `knowledge` (may see holdings; estates accept votes from `registry_factor` up by default). An owner already bound to this account at a lower level is raised. A mismatch is refused without saying which field was wrong; 5 failures within 15 minutes lock verification for a while, and so do too many failures from one address, or naming one owner from any accounts (that owner’s committee is told). Organisations and the developer are verified only in person (403 in-person-required).
         */
        post: operations["verifyMyself"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/face-checks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a face check (人脸核身) for a name and resident identity number: open the answered URL on the phone
         * @description The provider’s page matches the person’s face to the identity number; when it sends the owner back to `redirectUrl`, complete the check (`POST /v1/me/face-checks/{checkId}/completion`). 409 face-verification-unavailable when this installation has no provider. At most 10 checks per account a day (each costs a fee).
         */
        post: operations["startFaceCheck"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/face-checks/{checkId}/completion": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Read a face check’s outcome from the provider and bind the account to the registry owner at provider_face
         * @description The outcome is read from the provider, server to server; the name and identity number it matched must be those the check was started with and a registry owner’s. A binding of another account below provider_face is replaced (the face outranks a copy of the identity card); one at provider_face or in person is not (409). 409 while the check is not finished.
         */
        post: operations["completeFaceCheck"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/bindings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** For each owner I am bound to: every phone ever bound to them (masked), since when, until when, at which level */
        get: operations["getMyBindings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/bindings/{ownerId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** End my binding to an owner; every session of this account ends with it (log in again) */
        delete: operations["endMyBinding"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/estates/{estateId}/holdings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My units in an estate, the voters (heads) they form and their weight */
        get: operations["getMyHoldings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The inbox: messages to the owners this account is verified as, and to the bodies it belongs to
         * @description Newest first, `limit` at a time; pass `nextCursor` back as `cursor` for the next page. Staff also see the messages to their bodies: the committee of their estates, their township, the admins. `unreadCount` counts all pages.
         */
        get: operations["listMyMessages"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/messages/{messageId}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark one message of the inbox read (someone else’s message: 404) */
        post: operations["readMyMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/messages/read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark every message of the inbox read */
        post: operations["readAllMyMessages"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/message-preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** For each owner this account is verified as: whether reminders are sent (the legal notice always is) */
        get: operations["getMyMessagePreferences"];
        /**
         * Turn reminders off or on, for one owner this account is verified as or for all of them
         * @description Only reminders can be refused: the meeting notice, the results and every other message are always sent.
         */
        put: operations["setMyMessagePreferences"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How the meeting’s messages went out: per kind, owners notified, everyone reached, SMS queued, sent, delivered and failed, and each failure with its reason (phones masked) */
        get: operations["getMeetingDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/deliveries/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send the meeting’s failed SMS again (audited); quiet hours and the daily ceiling still apply */
        post: operations["resendMeetingDeliveries"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/estates/{estateId}/meetings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An estate's meetings, newest first, a page at a time (drafts only to its committee, organisers and staff: owners see a meeting from its notice on) */
        get: operations["listMeetings"];
        put?: never;
        /** Call a meeting (committee members and organisers); it starts as a draft */
        post: operations["createMeeting"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A meeting with its motions and the rule that decides each */
        get: operations["getMeeting"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a draft meeting’s kind, title, description or voting window (fixed once the notice is published) */
        patch: operations["changeDraftMeeting"];
        trace?: never;
    };
    "/v1/estates/{estateId}/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The rule that would decide a motion of each matter of 民法典 第二百七十八条 in this estate (its settings applied), before the motion exists
         * @description The same rule and words a saved motion shows (Motion.rule). kind and liftInstallation change the words (who must agree) and the lift consent.
         */
        get: operations["getEstateRules"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/motions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Put a motion on a draft meeting (frozen once the notice is published) */
        post: operations["addMotion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/motions/{motionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Rewrite a motion of a draft meeting, in its place on the agenda (frozen once the notice is published) */
        put: operations["changeMotion"];
        post?: never;
        /** Take a motion off a draft meeting */
        delete: operations["removeMotion"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/documents/{attachmentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A document a motion of the meeting cites (PDF), for whoever may read the meeting: its owners once the notice is out
         * @description A motion cites it as {name, url, sha256} with url …/v1/meetings/{meetingId}/documents/{attachmentId} (an attachment of the estate, uploaded by its organisers). Answered only for a document a motion of this meeting cites, with the bytes of that SHA-256; otherwise 404.
         */
        get: operations["getMeetingDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/documents/{attachmentId}/link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A link to a document of the meeting that opens without the access token, for 10 minutes
         * @description For whoever may read the meeting (its owners once the notice is out), for a document a motion cites. The owner app opens it in a new tab or, where the browser (WeChat’s) will not, in place: a plain link cannot send the bearer token, and a blob: URL cannot be handed to a phone’s PDF viewer. The link is signed with a key derived from the installation’s secret and names the meeting, the document and its expiry; after that it answers 404 with reason `document-link-expired`.
         */
        post: operations["linkMeetingDocument"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/documents/{attachmentId}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A document of the meeting by a signed link (POST …/link): no access token; shown in the browser (inline) */
        get: operations["downloadMeetingDocumentByLink"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/notice": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The published result notice (公告): per motion the totals, verdict, rule and explanation; per voter the room, masked name, choice and receipt */
        get: operations["getResultNotice"];
        put?: never;
        /** Publish the notice: motions freeze (R3.5); voting must open after the notice period (R4.1) within the window bounds (R4.2); owners and the residents’ committee are notified */
        post: operations["publishNotice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/open": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Open voting at or after its opening instant: the electorate of each motion is computed and frozen (R4.6) */
        post: operations["openVoting"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a meeting before voting opens */
        post: operations["cancelMeeting"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close voting after its closing instant: ballots freeze, each motion is tallied and its result stored. Closing twice is harmless. */
        post: operations["closeMeeting"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/turnout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Participation so far per motion (area and heads that took part) — never how anyone voted */
        get: operations["getTurnout"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/participation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The quorum cockpit: per motion, participation against its quorum by area and by heads, what is still missing, per building and stairwell unit of its scope — only who took part, never a choice
         * @description For committee members, organisers and township staff of the estate (as GET …/turnout). Figures are exact: areas in m² with two decimals, heads as voters (R1.2). A voter holding flats in several buildings or stairwell units counts as a head in each, so the heads of the places may add up to more than the motion’s. Per place, `quorum.missing` is what that place lacks to reach the quorum share among its own voters — a canvassing guide; the motion’s own `quorum` is the test. `ballots` grows with every voter who takes part: poll, and redraw only when it moved. Before voting opens `motions` is empty.
         */
        get: operations["getParticipation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Each motion’s result as the tally engine decided it — available only once the meeting is closed and tallied */
        get: operations["getResults"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/my-ballots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What I may vote on: per motion, the voters (heads) I belong to, their weight and their current ballot */
        get: operations["getMyBallots"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/motions/{motionId}/ballots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cast or change my ballot on a motion, for one voter I belong to
         * @description Send an Idempotency-Key header (8–100 characters) so that a retried request never votes twice: the retry gets the first reply. Refused at or after the closing instant, outside the motion’s electorate, or from an unverified account.
         */
        post: operations["castBallot"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/motions/{motionId}/paper-ballots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enter a signed paper ballot with a reference to its scan; it counts once a second organiser confirms it */
        post: operations["enterPaperBallot"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/electorate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Find voters of an open or closed meeting by registry number, building, stairwell, floor, room or masked name (committee members and organisers)
         * @description For entering paper ballots and registering proxies: each voter (one head, R1.2) with its owners (names masked), its units as they stood when voting opened, and per motion its voter id, area and standing ballot — channel, time and version, never the choice. Filters combine (and); a voter is listed when one of its units matches. `name` is compared masked (张三 and 张* find the same voters).
         */
        get: operations["findElectorateVoters"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/paper-ballots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Paper ballots entered for the meeting, with their status */
        get: operations["listPaperBallots"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/paper-ballots/{entryId}/second-reading": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Double entry: a second organiser enters the paper again, blind; the service compares the two readings
         * @description By an organiser other than the one who entered the paper, who has not seen its choice (pending choices are blind to them): `choice`, or `spoiled: true`. The reading is kept on the entry (the latest replaces an earlier one) and compared with the first (a multiple choice in any order). Alike: 200 `{entry, matches: true}`; the entry can then be confirmed with an empty `POST …/confirm`. Different: 409 `paper-entries-differ` with `differences` (each field with the first and second reading) and the `entry`: look at the scan and read it again, or reject the entry and enter it anew. Nothing counts until confirmed.
         */
        post: operations["readPaperBallotAgain"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/paper-ballots/{entryId}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm a paper ballot read alike by two organisers: it becomes the voter’s current ballot
         * @description Without a body (or `{}`, or only a `reason`): confirms when the paper’s second reading (`POST …/second-reading`, by an organiser other than the one who entered it) matches the first; 409 `paper-second-reading-required` when nobody has read it again, 409 `paper-entries-differ` when the last second reading differs. With a reading (`choice`, or `spoiled: true`) it is the second reading and the confirmation in one step. Whoever confirms is not the organiser who entered the paper (403).
         */
        post: operations["confirmPaperBallot"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/paper-ballots/{entryId}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject a paper ballot entry, with the reason (a second organiser)
         * @description The body is optional: send none (no Content-Type either), `{}` or `{"reason": "签名不符"}`.
         */
        post: operations["rejectPaperBallot"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/proxies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The meeting's proxies (organisers: all; anyone else: those they hold) */
        get: operations["listProxies"];
        put?: never;
        /** Register an owner's written proxy (委托书), optionally binding the holder to the owner's choices */
        post: operations["registerProxy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/proxies/{proxyId}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve a registered proxy, within the estate’s limit of proxies per holder */
        post: operations["approveProxy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/proxies/{proxyId}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject a registered proxy before it is used, with the reason (organisers)
         * @description A pending or approved proxy nobody has voted under yet, while the meeting is noticed or open: it carries no vote, and the owner may give a new one. 409 `proxy-used` once the holder has voted under it (record the owner’s written revocation instead), `proxy-ended` when it is already rejected or revoked, `conflict` when voting is over.
         */
        post: operations["rejectProxy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/proxies/{proxyId}/revocation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record the owner’s written revocation of their proxy, with its scan (organisers)
         * @description A pending or approved proxy, while the meeting is noticed or open. From now on the holder casts nothing under it; ballots the holder cast before stand (`ballots.standing`) until the owner votes — online, or on paper — which replaces them as any later ballot does (R4.4). 409 `proxy-ended` when it is already rejected or revoked, `conflict` when voting is over.
         */
        post: operations["recordProxyRevocation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/proxies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Written proxies I hold (to vote for their owners) and those the owners I am verified as have given
         * @description `held`: every proxy this account holds, owner or not — whose (masked), which meeting, the owner’s bound instructions and, per motion, the voter to cast for, the standing ballot and whether `POST …/proxy-ballots` would take a ballot now. `granted`: the proxies given by the owners this account is verified as, with whether `POST /v1/me/proxies/{proxyId}/revoke` would take a revocation.
         */
        get: operations["getMyProxies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/proxies/{proxyId}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke the proxy I (an owner I am verified as) gave for a meeting
         * @description By an account bound to the grantor at the level the meeting takes online votes from (else 403 `assurance-too-low`: verify more strongly, or give the organisers a signed revocation); anyone else 404. From now on the holder casts nothing under it; ballots the holder cast before stand (`ballots.standing`) until you vote, which replaces them (R4.4). 409 `proxy-ended` when it is already rejected or revoked, `conflict` when voting is over. The body is optional.
         */
        post: operations["revokeMyProxy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/motions/{motionId}/proxy-ballots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Vote as proxy holder for the owner who authorised you (their own ballot always prevails) */
        post: operations["castProxyBallot"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/estates/{estateId}/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload a file (PDF, JPEG or PNG, at most 10 MiB) to keep with the estate’s records: a paper ballot’s scan, a written proxy
         * @description The body is the file itself, sent as application/pdf, image/jpeg, image/png or application/octet-stream; its type is judged by its content (magic bytes), never by its name: another kind of file, or one sent as a type it is not, is refused with 415. The name goes in the `name` query parameter (percent-encoded UTF-8). Who may not upload is refused before the body is read. Committee members and organisers of the estate and staff of its township; to anyone else the estate is not there (404).
         */
        post: operations["uploadAttachment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/estates/{estateId}/attachments/{attachmentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download a kept file: its bytes, as the type they are
         * @description Sent as an attachment (Content-Disposition), never cached (no-store), never sniffed (nosniff). Who may not see the estate’s attachments gets 404.
         */
        get: operations["downloadAttachment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/canvass": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The voters of an open meeting who have not voted, by building, stairwell and floor, in walking order (committee members and organisers)
         * @description Names and phones masked. A voter (one head, R1.2) is placed at the first of its units that matches the filters. `status` filters by what was last found at the door (`none`: no visit yet). Pages are numbered from 1.
         */
        get: operations["listCanvass"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/canvass/walking-lists": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Walking lists to print (扫楼名单): per building, its voters who have not voted, with masked names and last status */
        get: operations["getWalkingLists"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/canvass/voters/{voterId}/visits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A voter’s recorded visits, newest first */
        get: operations["listCanvassVisits"];
        put?: never;
        /** Record what was found at a voter’s door; it becomes the voter’s status, earlier ones are kept */
        post: operations["recordCanvassVisit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/canvass/owners/{ownerId}/phone": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The full registry phone of one owner of the meeting’s electorate, to call them; each reveal is written to the audit log
         * @description No body. Answered for an open meeting only; an owner without a phone in the registry is not found.
         */
        post: operations["revealCanvassPhone"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/canvass/reminders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Remind chosen voters who have not voted (R6.2: not those who opted out or were reminded today; SMS keep quiet hours and the daily ceiling) */
        post: operations["remindCanvassVoters"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/estates/{estateId}/petitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An estate’s petitions, newest first, each with its progress by area and by heads against 20 % (R3.4) */
        get: operations["listPetitions"];
        put?: never;
        /** Start a petition (verified owners); the starter signs it too */
        post: operations["createPetition"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/petitions/{petitionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A petition and its progress by area and by heads */
        get: operations["getPetition"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/petitions/{petitionId}/signatures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign, for every owner I am verified as in the estate; signing twice changes nothing */
        post: operations["signPetition"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The subscriptions of one estate or one township */
        get: operations["listWebhookSubscriptions"];
        put?: never;
        /** Subscribe a receiver to an estate’s or a township’s events. The signing secret is shown once. */
        post: operations["createWebhookSubscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{subscriptionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One subscription */
        get: operations["getWebhookSubscription"];
        put?: never;
        post?: never;
        /** Unsubscribe: nothing more is sent, retries included */
        delete: operations["disableWebhookSubscription"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{subscriptionId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest 200 deliveries to one subscription, with their status, attempts and last error */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Deliveries to every receiver, e.g. the failed list (?status=failed) (admin) */
        get: operations["listAllWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-deliveries/{deliveryId}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a failed delivery again, with a fresh set of attempts (admin) */
        post: operations["replayWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish the result notice of a tallied meeting (committee members and organisers; the job system does it after tallying). Publishing twice is harmless. */
        post: operations["publishResults"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/notice.html": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The published result notice as a printable Chinese page (A4, self-contained) */
        get: operations["getResultNoticeHtml"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/receipts/{receipt}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Find a ballot receipt in the published result: which ballot it was, and whether it is the version that was counted */
        get: operations["lookUpReceipt"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/bundle": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The export bundle: tally records, stored results, seals, the certification signature and the audit chain — check it with `npx gongjue verify` */
        get: operations["exportResultBundle"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/filing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The filing of a meeting’s result with the township (备案): its status, signature and history (from the tally on for the township and the estate’s organisers; for others once published) */
        get: operations["getFiling"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/filing/certify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Certify a tallied result (the estate’s township staff): the service signs its canonical form with its Ed25519 key. Under an objection window (R7.2) only once the result is final (result-not-final otherwise) */
        post: operations["certifyResult"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/filing/return": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Return a result to the organisers with written reasons (the estate’s township staff) */
        post: operations["returnResult"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/filing/resubmit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Re-submit a returned result with a written response (committee members and organisers); ballots and tallies stay as they are */
        post: operations["resubmitResult"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/filing/rulings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a court’s revocation (民法典 第二百八十条) or an order to correct (条例 第十九条) against a certified decision (township staff) */
        post: operations["recordRuling"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/townships/{townshipId}/filings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A township’s tallied meetings by filing status (township staff); by default those awaiting review */
        get: operations["listFilings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/objections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The objection window of a published result and its objections with their answers: all of them for the committee, organisers and township; an owner sees their own */
        get: operations["listObjections"];
        put?: never;
        /** Object to how one’s own ballot on a motion was recorded, while the result’s objection window runs (verified owners of that voter) */
        post: operations["raiseObjection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/objections/{objectionId}/answer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Answer an objection in writing (committee members and organisers); an answer is final. The last answer after the window’s end makes the result final */
        post: operations["answerObjection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/townships/{townshipId}/objections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every objection raised in a township’s estates, newest first, with its answer (township staff) */
        get: operations["listTownshipObjections"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/estates/{estateId}/emergency-uses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An estate’s emergency uses of the maintenance fund, newest first: what every owner of the estate sees, flagged as spent without a vote */
        get: operations["listEmergencyUses"];
        put?: never;
        /** File an emergency repair paid from the maintenance fund without a vote (the owners’ committee): lift, fire_safety, water_supply or danger_to_persons only; any other kind is refused (not-an-emergency) */
        post: operations["fileEmergencyUse"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/emergency-uses/{useId}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Acknowledge an emergency use awaiting review (township staff of its estate) */
        post: operations["acknowledgeEmergencyUse"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/emergency-uses/{useId}/question": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Question an emergency use awaiting review, in writing (township staff); the committee answers */
        post: operations["questionEmergencyUse"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/emergency-uses/{useId}/answer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Answer the township’s question about an emergency use, in writing (the owners’ committee); it returns to review */
        post: operations["answerEmergencyUse"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/townships/{townshipId}/emergency-uses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Emergency uses of the maintenance fund in a township’s estates (township staff), newest first; by default all */
        get: operations["listTownshipEmergencyUses"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/townships/{townshipId}/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The township’s estates, a page at a time: committee, registry, meetings in progress against their quorum, results awaiting filing, petitions, anomaly flags (township staff, admins) */
        get: operations["getTownshipOverview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/townships/{townshipId}/anomalies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Anomaly flags found at the close of the township’s meetings, newest first (R7.3; township staff, admins). Flags inform; they never change a result. */
        get: operations["listTownshipAnomalies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/anomalies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The anomaly flags of one tallied meeting with the masked voters behind each (township staff, admins) */
        get: operations["listMeetingAnomalies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{meetingId}/filing/evidence": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the township weighs before certifying: `gongjue verify` on the service’s own bundle, ballots per channel and assurance level, paper and proxy shares, anomaly flags, objections (township staff, admins) */
        get: operations["getFilingEvidence"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/public/results/{meetingId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Anyone, without logging in: a published result with its certification as signed, to verify in the browser (the page the QR code on the printed notice leads to); unpublished or unknown: 404 */
        get: operations["getPublicCheck"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description RFC 9457 problem details */
        ProblemInput: {
            /** @example urn:gongjue:problem:validation-failed */
            type: string;
            title: string;
            status: number;
            detail?: string;
            instance?: string;
            requestId?: string;
            /** @description One entry per failing field (validation-failed) or bad row (invalid-file) */
            errors?: {
                /** @description validation-failed: the failing field, e.g. body.code */
                path?: string;
                /** @description invalid-file: the line (CSV) or unit number (JSON) */
                line?: number;
                /** @description invalid-file: the column or JSON field */
                field?: string;
                /**
                 * @description invalid-file: what is wrong with the row, as a stable code (docs/registry-import.md, "Error codes"); `message` says the same in English
                 * @enum {string}
                 */
                code?: "no-units" | "csv-quote-not-closed" | "csv-bad-closing-quote" | "csv-malformed" | "column-unknown" | "column-repeated" | "columns-missing" | "row-cell-count" | "cell-without-header" | "json-field-unknown" | "json-field-required" | "json-area-not-string" | "json-wrong-type" | "json-wrong-value" | "json-invalid" | "value-missing" | "value-control-character" | "value-too-long" | "code-unknown" | "developer-held-unknown" | "person-with-credit-code" | "phone-not-mobile" | "area-missing" | "area-not-decimal" | "area-negative" | "area-too-precise" | "area-zero" | "area-too-large" | "certificate-control-character" | "certificate-length" | "id-missing" | "id-scientific-notation" | "id-resident-15-digits" | "id-resident-shape" | "id-region-code" | "id-birth-date" | "id-check-character" | "id-hk-macao-shape" | "id-taiwan-shape" | "id-foreign-shape" | "id-passport-shape" | "id-credit-code-length" | "id-credit-code-alphabet" | "unit-without-owner" | "registry-no-repeated" | "registry-no-details-differ" | "room-repeated" | "owner-repeated" | "owner-two-names";
                /** @description invalid-file: the figures the code's sentence names (values from the file as excerpts of at most 40 characters, never an identity number) */
                params?: {
                    [key: string]: string | number;
                };
                message: string;
                /** @description Where the service has them: the refusal as a sentence for staff, in Chinese and English, with what to do next (e.g. a setting looser than the statute) */
                words?: {
                    zh: string;
                    en: string;
                };
            }[];
        } & {
            [key: string]: unknown;
        };
        BallotReceiptInput: {
            /** Format: uuid */
            ballotId: string;
            /** Format: uuid */
            motionId: string;
            /** Format: uuid */
            voterId: string;
            /** @description 1 for the first ballot, then one more for each change */
            version: number;
            /** @enum {string} */
            channel: "online" | "paper" | "proxy";
            /** Format: date-time */
            castAt: string;
            /** @description SHA-256 of the ballot; find it in the published result */
            receipt: string;
            /** @description The channel of the ballot this one replaced */
            replaced: ("online" | "paper" | "proxy") | null;
        };
        /** @enum {string} */
        AssuranceLevelInput: "knowledge" | "registry_factor" | "provider_face" | "in_person";
        ApiClientInput: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @enum {string} */
            access: "read" | "read_write";
            townshipIds: string[];
            estateIds: string[];
            /** Format: date-time */
            createdAt: string;
            revokedAt: string | null;
        };
        AttachmentInput: {
            /** Format: uuid */
            id: string;
            name: string;
            /**
             * @description What the bytes are (judged by their content)
             * @enum {string}
             */
            contentType: "application/pdf" | "image/jpeg" | "image/png";
            /** @description Bytes */
            size: number;
            /** @description SHA-256 of the bytes, 64 hex digits */
            sha256: string;
            /** @description Where to download it, with the same bearer token */
            url: string;
            /** Format: date-time */
            createdAt: string;
        };
        /**
         * @example {
         *       "accessToken": "eyJhbGciOiJFUzI1NiJ9…",
         *       "tokenType": "Bearer",
         *       "expiresIn": 900,
         *       "refreshToken": "rt_…",
         *       "accountId": "6b1f…"
         *     }
         */
        SessionInput: {
            accessToken: string;
            /** @constant */
            tokenType: "Bearer";
            /** @description Seconds the access token is valid */
            expiresIn: number;
            /** @description Single use: each refresh returns the next one. Absent when it went into the browser's refresh cookie (refreshTokenIn: cookie) */
            refreshToken?: string;
            /** Format: uuid */
            accountId: string;
        };
        RefreshedSessionInput: {
            accessToken: string;
            /** @constant */
            tokenType: "Bearer";
            /** @description Seconds the access token is valid */
            expiresIn: number;
            /** @description Single use: each refresh returns the next one. Absent when it went into the browser's refresh cookie (refreshTokenIn: cookie) */
            refreshToken?: string;
            /** Format: uuid */
            accountId: string;
            /** @description Present when asked for (withMeeting): the meeting's two reads, answered by their own routes */
            withMeeting?: {
                /** @description What GET /v1/meetings/{meetingId} answers with the new access token */
                meeting: {
                    status: number;
                    body: unknown;
                };
                /** @description What GET /v1/meetings/{meetingId}/my-ballots answers with the new access token */
                myBallots: {
                    status: number;
                    body: unknown;
                };
            };
        };
        /**
         * @description What was found at the door: visited 已上门, not_home 不在家, refused 拒绝, lives_elsewhere 人户分离, paper_ballot 将交纸质票, needs_help 需要协助
         * @enum {string}
         */
        CanvassStatusInput: "visited" | "not_home" | "refused" | "lives_elsewhere" | "paper_ballot" | "needs_help";
        CanvassVisitInput: {
            status: components["schemas"]["CanvassStatusInput"];
            note: string | null;
            /** @description The organiser who recorded it */
            setBy: {
                /** Format: uuid */
                accountId: string;
                /** @description Masked: 138****1234 */
                phone: string;
            };
            /** Format: date-time */
            setAt: string;
        };
        CanvassVoterInput: {
            /**
             * Format: uuid
             * @description The voter on the meeting’s first motion: what statuses, reminders (and paper ballots of that motion) name
             */
            voterId: string;
            /** @description The developer’s units (R1.2: one head) */
            developer: boolean;
            owners: {
                /** Format: uuid */
                id: string;
                /** @description Masked: 张* */
                name: string;
                /** @enum {string} */
                kind: "person" | "organisation";
                /** @description Masked: 138****1234; the full number only through POST …/canvass/owners/{ownerId}/phone */
                phone: string | null;
            }[];
            /** @description The voter’s units (the first ten), in walking order */
            units: {
                building: string;
                stair: string | null;
                room: string;
            }[];
            unitCount: number;
            /** @description Motions open to the voter (or the chosen motion) */
            motions: number;
            /** @description Of those, how many it has voted on */
            voted: number;
            /** @description What was last found at the door; null: no visit recorded */
            latest: components["schemas"]["CanvassVisitInput"] | null;
            /** @description Visits recorded, the latest included */
            visits: number;
        };
        EstateInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            townshipId: string;
            name: string;
            address: string | null;
            timeZone: string;
            settings: {
                /**
                 * @default civil-code-2021
                 * @enum {string}
                 */
                profile: "civil-code-2021" | "property-law-2007";
                /** @default false */
                countParking: boolean;
                /**
                 * @default excluded
                 * @enum {string}
                 */
                nonVoters: "excluded" | "follow_majority";
                /**
                 * @default any
                 * @enum {string}
                 */
                coOwnerVoting: "any" | "representative";
                /**
                 * @description R3.6: a lift installation also needs at least 2/3 of the stairwell unit’s heads agreeing.
                 * @default false
                 */
                liftConsentTwoThirds: boolean;
                /**
                 * @description Stricter thresholds from the estate’s rules of procedure.
                 * @default {}
                 */
                overrides: {
                    [key: string]: {
                        /** @description Share of the total area and heads that must take part. */
                        quorum?: {
                            num: number;
                            den: number;
                            /**
                             * @description true: more than num/den (过半数); false: at least num/den (以上).
                             * @default false
                             */
                            strict: boolean;
                        };
                        /** @description Share of the base (participants, or totals under property-law-2007) that must agree. */
                        approval?: {
                            num: number;
                            den: number;
                            /**
                             * @description true: more than num/den (过半数); false: at least num/den (以上).
                             * @default false
                             */
                            strict: boolean;
                        };
                    };
                };
                /**
                 * @description R4.1: days between the notice and the opening of voting, at least 15 (条例 第十四条)
                 * @default 15
                 */
                noticeDays: number;
                /** @description R4.1: the notice period for temporary meetings, where the city allows a shorter one (杭州: 7); defaults to noticeDays. Regular meetings always take noticeDays */
                temporaryNoticeDays?: number;
                /**
                 * @description R4.2: bounds on the length of the voting window, in days (杭州: 5 to 60)
                 * @default {
                 *       "min": 1,
                 *       "max": 60
                 *     }
                 */
                windowDays: {
                    min: number;
                    max: number;
                };
                /**
                 * @description R4.3: owners one proxy holder may represent
                 * @default 3
                 */
                maxProxiesPerHolder: number;
                /** @description The residents’ committee’s mobile: it receives the notice and the published result by SMS */
                residentsCommitteePhone?: string;
                /**
                 * @description Issue 14: the lowest level of identity assurance whose binding may vote online (frozen on the meeting when voting opens). knowledge (name and identity number) may still see holdings; an estate may require provider_face or in_person
                 * @default registry_factor
                 * @enum {string}
                 */
                minimumAssurance: "knowledge" | "registry_factor" | "provider_face" | "in_person";
                /**
                 * @description R7.2 (issue 17): days of the objection window (询异公示) after a result is published; 0 = off. While it runs the result is preliminary: owners may object to how their own ballot was recorded, the committee answers, and only then may it be certified
                 * @default 0
                 */
                objectionDays: number;
            };
            /** @description How many registry imports have been applied */
            registryVersion: number;
            /** Format: date-time */
            createdAt: string;
        };
        EstateSettingsExplainedInput: {
            settings: {
                /**
                 * @default civil-code-2021
                 * @enum {string}
                 */
                profile: "civil-code-2021" | "property-law-2007";
                /** @default false */
                countParking: boolean;
                /**
                 * @default excluded
                 * @enum {string}
                 */
                nonVoters: "excluded" | "follow_majority";
                /**
                 * @default any
                 * @enum {string}
                 */
                coOwnerVoting: "any" | "representative";
                /**
                 * @description R3.6: a lift installation also needs at least 2/3 of the stairwell unit’s heads agreeing.
                 * @default false
                 */
                liftConsentTwoThirds: boolean;
                /**
                 * @description Stricter thresholds from the estate’s rules of procedure.
                 * @default {}
                 */
                overrides: {
                    [key: string]: {
                        /** @description Share of the total area and heads that must take part. */
                        quorum?: {
                            num: number;
                            den: number;
                            /**
                             * @description true: more than num/den (过半数); false: at least num/den (以上).
                             * @default false
                             */
                            strict: boolean;
                        };
                        /** @description Share of the base (participants, or totals under property-law-2007) that must agree. */
                        approval?: {
                            num: number;
                            den: number;
                            /**
                             * @description true: more than num/den (过半数); false: at least num/den (以上).
                             * @default false
                             */
                            strict: boolean;
                        };
                    };
                };
                /**
                 * @description R4.1: days between the notice and the opening of voting, at least 15 (条例 第十四条)
                 * @default 15
                 */
                noticeDays: number;
                /** @description R4.1: the notice period for temporary meetings, where the city allows a shorter one (杭州: 7); defaults to noticeDays. Regular meetings always take noticeDays */
                temporaryNoticeDays?: number;
                /**
                 * @description R4.2: bounds on the length of the voting window, in days (杭州: 5 to 60)
                 * @default {
                 *       "min": 1,
                 *       "max": 60
                 *     }
                 */
                windowDays: {
                    min: number;
                    max: number;
                };
                /**
                 * @description R4.3: owners one proxy holder may represent
                 * @default 3
                 */
                maxProxiesPerHolder: number;
                /** @description The residents’ committee’s mobile: it receives the notice and the published result by SMS */
                residentsCommitteePhone?: string;
                /**
                 * @description Issue 14: the lowest level of identity assurance whose binding may vote online (frozen on the meeting when voting opens). knowledge (name and identity number) may still see holdings; an estate may require provider_face or in_person
                 * @default registry_factor
                 * @enum {string}
                 */
                minimumAssurance: "knowledge" | "registry_factor" | "provider_face" | "in_person";
                /**
                 * @description R7.2 (issue 17): days of the objection window (询异公示) after a result is published; 0 = off. While it runs the result is preliminary: owners may object to how their own ballot was recorded, the committee answers, and only then may it be certified
                 * @default 0
                 */
                objectionDays: number;
            };
            /** @description Whether the caller may replace these settings (PUT …/settings) */
            mayChange: boolean;
            /** @description The roles that may change them (of this estate or its township) */
            changeableBy: ("admin" | "township_staff" | "committee" | "organiser" | "owner" | "client")[];
            statutes: {
                /** @description A key of settings */
                setting: string;
                /** @description The rule of the rulebook (domain.md) it belongs to */
                rule: string;
                /** @description The statute the setting refines */
                statute: {
                    zh: string;
                    en: string;
                };
                /** @description What the statute itself says */
                statuteValue: {
                    zh: string;
                    en: string;
                };
                /** @description Which way an estate may move from it */
                refinement: {
                    zh: string;
                    en: string;
                };
            }[];
            thresholds: {
                matter: string;
                /** @description Item of 民法典 第二百七十八条 */
                item: number;
                title: {
                    zh: string;
                    en: string;
                };
                /** @enum {string} */
                test: "ordinary" | "special" | "petition";
                statute: {
                    zh: string;
                    en: string;
                };
                /** @description The statute's floor under the estate's profile */
                floor: {
                    quorum: {
                        num: number;
                        den: number;
                        /** @description true: more than (过半数); false: at least (以上) */
                        strict: boolean;
                    } | null;
                    approval: {
                        num: number;
                        den: number;
                        /** @description true: more than (过半数); false: at least (以上) */
                        strict: boolean;
                    };
                };
                floorWords: {
                    zh: string;
                    en: string;
                };
                /** @description The estate's stricter thresholds, if any */
                override: {
                    quorum: {
                        num: number;
                        den: number;
                        /** @description true: more than (过半数); false: at least (以上) */
                        strict: boolean;
                    } | null;
                    approval: {
                        num: number;
                        den: number;
                        /** @description true: more than (过半数); false: at least (以上) */
                        strict: boolean;
                    } | null;
                } | null;
                /** @description The rule a yes/no motion of this matter is decided by */
                appliedWords: {
                    zh: string;
                    en: string;
                };
            }[];
        };
        TallyReportInput: {
            /** @constant */
            format: "gongjue.tally-report";
            version: number;
            motion: {
                id: string | null;
                title: string | null;
                kind: string;
                matter: string;
                matterTitle: {
                    zh: string;
                    en: string;
                    /** @description The item of 民法典 第二百七十八条 */
                    item: number;
                };
            } & {
                [key: string]: unknown;
            };
            rule: {
                profile: string;
                statute: {
                    zh: string;
                    en: string;
                };
                test: string;
                base: string;
                quorum: {
                    num: number;
                    den: number;
                    strict: boolean;
                    /** @description e.g. "≥ 2/3" */
                    text: string;
                } | null;
                approval: {
                    num: number;
                    den: number;
                    strict: boolean;
                    /** @description e.g. "≥ 2/3" */
                    text: string;
                };
            } & {
                [key: string]: unknown;
            };
            totals: {
                TA: string;
                TH: number;
                PA: string;
                PH: number;
                didNotVote: {
                    /** @description m², exact, two decimals */
                    area: string;
                    heads: number;
                };
                spoiled: {
                    /** @description m², exact, two decimals */
                    area: string;
                    heads: number;
                };
            } & {
                [key: string]: unknown;
            };
            readonly choices: {
                /** @description m², exact, two decimals */
                area: string;
                heads: number;
                id: string;
                label: {
                    zh: string;
                    en: string;
                };
            }[];
            quorum: ({
                met: boolean;
                threshold: {
                    num: number;
                    den: number;
                    strict: boolean;
                    /** @description e.g. "≥ 2/3" */
                    text: string;
                };
                area: {
                    value: string;
                    base: string;
                    threshold: {
                        num: number;
                        den: number;
                        strict: boolean;
                        /** @description e.g. "≥ 2/3" */
                        text: string;
                    };
                    /** @description The least value that meets the threshold */
                    needed: string;
                    /** @description value − needed: negative when missed */
                    margin: string;
                    met: boolean;
                };
                heads: {
                    value: number;
                    base: number;
                    threshold: {
                        num: number;
                        den: number;
                        strict: boolean;
                        /** @description e.g. "≥ 2/3" */
                        text: string;
                    };
                    /** @description The least value that meets the threshold */
                    needed: number;
                    /** @description value − needed: negative when missed */
                    margin: number;
                    met: boolean;
                };
            } & {
                [key: string]: unknown;
            }) | null;
            verdict: {
                /** @enum {string} */
                kind: "yes_no" | "options" | "election" | "petition";
                outcome: string;
            } & {
                [key: string]: unknown;
            };
            readonly warnings: {
                code: string;
                zh: string;
                en: string;
            }[];
            /** @description The engine’s explanation, one checkable line each */
            explanation: {
                readonly zh: string[];
                readonly en: string[];
            };
        } & {
            [key: string]: unknown;
        };
        QuorumGapInput: {
            /** @description e.g. "≥ 2/3" of the area and of the heads */
            threshold: string;
            /** @description The least area and heads that meet it */
            needed: {
                /**
                 * @description m², exact, two decimals
                 * @example 2955.64
                 */
                area: string;
                heads: number;
            };
            /** @description What is still missing; zero where that half of the test is met */
            missing: {
                /**
                 * @description m², exact, two decimals
                 * @example 2955.64
                 */
                area: string;
                heads: number;
            };
            areaMet: boolean;
            headsMet: boolean;
            met: boolean;
        };
        StairParticipationInput: {
            /** @description '' for flats without a stairwell unit */
            stair: string;
            /** @description The frozen electorate of this place (R4.6) */
            electorate: {
                /**
                 * @description m², exact, two decimals
                 * @example 2955.64
                 */
                area: string;
                heads: number;
            };
            /** @description Voters who took part: a current ballot, whatever it says */
            tookPart: {
                /**
                 * @description m², exact, two decimals
                 * @example 2955.64
                 */
                area: string;
                heads: number;
            };
            /** @description Percent of the electorate that took part, two decimals, rounded down, e.g. "63.41" */
            percent: {
                area: string;
                heads: string;
            };
            /** @description Null where the motion's rule has no quorum */
            quorum: components["schemas"]["QuorumGapInput"] | null;
        };
        BuildingParticipationInput: {
            building: string;
            /** @description The frozen electorate of this place (R4.6) */
            electorate: {
                /**
                 * @description m², exact, two decimals
                 * @example 2955.64
                 */
                area: string;
                heads: number;
            };
            /** @description Voters who took part: a current ballot, whatever it says */
            tookPart: {
                /**
                 * @description m², exact, two decimals
                 * @example 2955.64
                 */
                area: string;
                heads: number;
            };
            /** @description Percent of the electorate that took part, two decimals, rounded down, e.g. "63.41" */
            percent: {
                area: string;
                heads: string;
            };
            /** @description Null where the motion's rule has no quorum */
            quorum: components["schemas"]["QuorumGapInput"] | null;
            stairs: components["schemas"]["StairParticipationInput"][];
        };
        MotionParticipationInput: {
            /** Format: uuid */
            motionId: string;
            position: number;
            title: string;
            scope: {
                /** @constant */
                kind: "estate";
            } | {
                /** @constant */
                kind: "building";
                building: string;
            } | {
                /** @constant */
                kind: "stair";
                building: string;
                stair: string;
            };
            /** @description The frozen electorate of this place (R4.6) */
            electorate: {
                /**
                 * @description m², exact, two decimals
                 * @example 2955.64
                 */
                area: string;
                heads: number;
            };
            /** @description Voters who took part: a current ballot, whatever it says */
            tookPart: {
                /**
                 * @description m², exact, two decimals
                 * @example 2955.64
                 */
                area: string;
                heads: number;
            };
            /** @description Percent of the electorate that took part, two decimals, rounded down, e.g. "63.41" */
            percent: {
                area: string;
                heads: string;
            };
            /** @description Null where the motion's rule has no quorum */
            quorum: components["schemas"]["QuorumGapInput"] | null;
            /** @description The quorum share in words, e.g. { zh: "达到三分之二", en: "at least 2/3" } */
            thresholdWords: {
                zh: string;
                en: string;
            } | null;
            /** @description e.g. "参与表决：面积和人数都需达到三分之二（还差 12 户、843.20 ㎡）" */
            words: {
                zh: string;
                en: string;
            };
            buildings: components["schemas"]["BuildingParticipationInput"][];
        };
        MeetingParticipationInput: {
            /** Format: uuid */
            meetingId: string;
            /** @enum {string} */
            status: "draft" | "noticed" | "open" | "closed" | "tallied" | "published" | "cancelled" | "discrepancy";
            /** Format: date-time */
            votingClosesAt: string;
            /** @description Current ballots of all motions: unchanged means participation has not moved */
            ballots: number;
            motions: components["schemas"]["MotionParticipationInput"][];
        };
        MotionInput: {
            /** Format: uuid */
            id: string;
            position: number;
            matter: string;
            /** @enum {string} */
            kind: "yes_no" | "options" | "election";
            title: string;
            text: string;
            options: {
                id: string;
                label: string;
            }[] | null;
            candidates: {
                id: string;
                name: string;
            }[] | null;
            seats: number | null;
            scope: unknown;
            liftInstallation: boolean;
            documents: {
                name: string;
                url: string;
                sha256: string;
            }[];
            /** @description The rule that will decide this motion, shown before anyone votes */
            rule: {
                profile: string;
                matter: string;
                matterTitle: {
                    /** @description The matter’s item in 民法典 第二百七十八条, 1–9 */
                    item: number;
                    zh: string;
                    en: string;
                };
                test: string;
                /** @description e.g. "≥ 2/3" of total area and heads; null where the profile has none */
                quorum: string | null;
                /** @description e.g. "> 1/2" or "≥ 3/4", of area and of heads */
                approval: string;
                base: string;
                liftConsent: string | null;
                statute: {
                    zh: string;
                    en: string;
                };
                /** @description The rule in one plain sentence for owners, e.g. "参与表决的面积和人数都要达到三分之二，同意的面积和人数都要达到四分之三" */
                words: {
                    zh: string;
                    en: string;
                };
            };
            /** @description TA and TH, frozen when voting opens */
            electorate: {
                /**
                 * @description m², exact, two decimals
                 * @example 2955.64
                 */
                area: string;
                heads: number;
            } | null;
        };
        MeetingInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            estateId: string;
            /** @enum {string} */
            kind: "regular" | "temporary";
            title: string;
            description: string | null;
            /**
             * @description discrepancy: closed, but the SQL totals and the engine's recount of the sealed tally record disagreed — no result; see GET …/results
             * @enum {string}
             */
            status: "draft" | "noticed" | "open" | "closed" | "tallied" | "published" | "cancelled" | "discrepancy";
            /** Format: date-time */
            votingOpensAt: string;
            /** Format: date-time */
            votingClosesAt: string;
            /** @description The instants in the estate's time zone */
            local: {
                timeZone: string;
                votingOpens: string;
                votingCloses: string;
            };
            noticedAt: string | null;
            openedAt: string | null;
            closedAt: string | null;
            motions: components["schemas"]["MotionInput"][];
        };
        /** @description R7.2: the objection window (询异公示) of a published result */
        ObjectionWindowInput: {
            days: number;
            /** Format: date-time */
            openedAt: string;
            /** Format: date-time */
            closesAt: string;
            /** @description closesAt in the estate’s time zone, YYYY-MM-DD HH:mm */
            closesAtLocal: string;
            finalAt: string | null;
            /**
             * @description preliminary: the window runs, owners may object; awaiting_answers: it ended with objections unanswered; awaiting_final: ended and all answered, about to be marked final; final: the result is final and may be certified
             * @enum {string}
             */
            stage: "preliminary" | "awaiting_answers" | "awaiting_final" | "final";
            objections: number;
            unanswered: number;
        };
        ObjectionInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            meetingId: string;
            /** Format: uuid */
            motionId: string;
            motionPosition: number;
            motionTitle: string;
            /** Format: uuid */
            voterId: string;
            /** @description The standing ballot when the objection was raised; null when none of the voter’s was recorded */
            ballotId: string | null;
            /** @description The owner who raised it, masked as in the notice */
            owner: string;
            /** @description Raised by the asking owner */
            mine: boolean;
            text: string;
            /** Format: date-time */
            createdAt: string;
            answer: {
                text: string;
                /** Format: date-time */
                at: string;
            } | null;
        };
        MeetingObjectionsInput: {
            window: components["schemas"]["ObjectionWindowInput"] | null;
            items: components["schemas"]["ObjectionInput"][];
        };
        /** @description R4.9/R7.1: an emergency repair paid from the maintenance fund without a vote */
        EmergencyUseInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            estateId: string;
            estateName: string;
            /** Format: uuid */
            townshipId: string;
            /** @enum {string} */
            kind: "lift" | "fire_safety" | "water_supply" | "danger_to_persons";
            kindText: {
                zh: string;
                en: string;
            };
            title: string;
            reason: string;
            /** @description The amount in fen (1/100 yuan), an exact integer as a decimal string */
            amountFen: string;
            /** @description The amount in yuan as the service writes it, e.g. 12,345.67 */
            amountText: string;
            /**
             * @description Always true: spent from the maintenance fund without the owners’ vote (民法典 第二百八十一条)
             * @constant
             */
            withoutVote: true;
            /**
             * @description awaiting_review: filed or answered, for the township; acknowledged; questioned: the township asked, the committee answers
             * @enum {string}
             */
            status: "awaiting_review" | "acknowledged" | "questioned";
            /** Format: date-time */
            filedAt: string;
            /** Format: date-time */
            updatedAt: string;
            quotes: {
                /** Format: uuid */
                id: string;
                name: string;
                contentType: string;
                size: number;
                sha256: string;
                url: string;
                /** Format: date-time */
                createdAt: string;
            }[];
            events: {
                /** @enum {string} */
                kind: "filed" | "acknowledged" | "questioned" | "answered";
                actor: string;
                /** Format: date-time */
                at: string;
                text: string;
            }[];
        };
        PaperBallotInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            motionId: string;
            /** Format: uuid */
            voterId: string;
            /** @description The voter’s units (building, stair, room) as at opening: whose paper it is */
            voterUnits: string[];
            /** @description Blind while pending: null to anyone but the organiser who entered it, until a second organiser has read the paper again */
            choice: unknown;
            spoiled: boolean;
            scan: {
                /** @description An attachment’s download path, or the URL given */
                url: string;
                sha256: string;
            };
            /** @description The owner who signed the paper */
            signedBy: string | null;
            /** @enum {string} */
            status: "pending" | "confirmed" | "rejected";
            /** Format: uuid */
            enteredBy: string;
            /** Format: date-time */
            enteredAt: string;
            decidedBy: string | null;
            ballotId: string | null;
            /** @description While pending: the last second reading of the paper (double entry) and where it differs from the first (empty: alike, ready to confirm); null when nobody has read it again */
            check: {
                choice: unknown;
                spoiled: boolean;
                /** Format: uuid */
                checkedBy: string;
                /** Format: date-time */
                checkedAt: string;
                differences: {
                    /** @enum {string} */
                    field: "spoiled" | "choice";
                    /** @description The first entry’s reading */
                    first: unknown;
                    /** @description The confirming entry’s reading */
                    second: unknown;
                }[];
            } | null;
        };
        ProxyInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            meetingId: string;
            /** Format: uuid */
            grantorOwnerId: string;
            /** Format: uuid */
            holderAccountId: string;
            instructions: {
                [key: string]: unknown;
            } | null;
            document: {
                url: string;
                sha256: string;
            };
            /** @enum {string} */
            status: "pending" | "approved" | "rejected" | "revoked";
            /** Format: date-time */
            registeredAt: string;
            /** @description Once voting is open: per motion, the voter(s) the grantor belongs to — the voterId the holder casts for */
            voters: {
                /** Format: uuid */
                motionId: string;
                /** Format: uuid */
                voterId: string;
                units: string[];
                area: string;
            }[];
            /** @description Once rejected or revoked: when, by whom and why; null while pending or approved */
            ending: {
                /** Format: date-time */
                at: string;
                /**
                 * Format: uuid
                 * @description The account that rejected or revoked it
                 */
                by: string;
                reason: string | null;
                /** @description Revoked by the grantor themselves from the owner app */
                byGrantor: boolean;
                /** @description The written revocation’s scan, recorded by an organiser */
                document: {
                    url: string;
                    sha256: string;
                } | null;
            } | null;
            /** @description Ballots the holder cast under it (every version), and how many stand now: a revocation leaves them standing until the owner votes */
            ballots: {
                cast: number;
                standing: number;
            };
            /** @description What an organiser may do with it now: approve a pending one; reject a live one nobody has voted under; revoke a live one (the meeting noticed or open) */
            may: {
                approve: boolean;
                reject: boolean;
                revoke: boolean;
            };
        };
        HeldProxyInput: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            status: "pending" | "approved" | "rejected" | "revoked";
            meeting: {
                /** Format: uuid */
                id: string;
                title: string;
                /** @enum {string} */
                status: "draft" | "noticed" | "open" | "closed" | "tallied" | "published" | "cancelled" | "discrepancy";
                estateName: string;
                /** @description The voting window in the estate's time zone */
                local: {
                    timeZone: string;
                    votingOpens: string;
                    votingCloses: string;
                };
            };
            grantor: {
                /** @description Masked: 张* */
                name: string;
            };
            /** @description motion id → the choice the owner’s written proxy fixes; null: the holder chooses */
            instructions: {
                [key: string]: unknown;
            } | null;
            /** Format: date-time */
            registeredAt: string;
            ending: {
                /** Format: date-time */
                at: string;
                reason: string | null;
                byGrantor: boolean;
            } | null;
            motions: {
                /** Format: uuid */
                motionId: string;
                title: string;
                /** @description The grantor’s voter on this motion, what POST …/proxy-ballots names; null before voting opens or outside the motion’s scope */
                voterId: string | null;
                units: string[];
                area: string | null;
                /** @description The choice the owner fixed for this motion; null: the holder chooses */
                instructed: unknown;
                /** @description The standing ballot: none; the one cast under this proxy (its choice and receipt); or another one (the owner’s own…), whose choice is not shown */
                standing: {
                    /** @constant */
                    by: "none";
                } | {
                    /** @constant */
                    by: "this_proxy";
                    choice: unknown;
                    /** Format: date-time */
                    castAt: string;
                    version: number;
                    receipt: string;
                    /** Format: uuid */
                    ballotId: string;
                } | {
                    /** @constant */
                    by: "other";
                };
                /** @description Whether POST …/proxy-ballots would accept a ballot under this proxy now (asked of the ballot rules, writing nothing) and, if not, why */
                cast: {
                    allowed: boolean;
                    refusal: {
                        /** @description The problem type the route would answer (e.g. proxy-ended, conflict) */
                        type: string;
                        detail: string;
                    } | null;
                };
            }[];
        };
        GrantedProxyInput: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            status: "pending" | "approved" | "rejected" | "revoked";
            meeting: {
                /** Format: uuid */
                id: string;
                title: string;
                /** @enum {string} */
                status: "draft" | "noticed" | "open" | "closed" | "tallied" | "published" | "cancelled" | "discrepancy";
                estateName: string;
                /** @description The voting window in the estate's time zone */
                local: {
                    timeZone: string;
                    votingOpens: string;
                    votingCloses: string;
                };
            };
            grantor: {
                /** Format: uuid */
                ownerId: string;
                /** @description The owner you are verified as */
                name: string;
            };
            holder: {
                /** @description Masked: 137****9999 */
                phone: string;
            };
            instructions: {
                [key: string]: unknown;
            } | null;
            /** Format: date-time */
            registeredAt: string;
            ending: {
                /** Format: date-time */
                at: string;
                reason: string | null;
                byGrantor: boolean;
            } | null;
            /** @description Ballots the holder cast under it, and how many stand now */
            ballots: {
                cast: number;
                standing: number;
            };
            /** @description Whether POST /v1/me/proxies/{proxyId}/revoke would accept it now and, if not, why */
            revoke: {
                allowed: boolean;
                refusal: {
                    /** @description The problem type the route would answer (e.g. proxy-ended, conflict) */
                    type: string;
                    detail: string;
                } | null;
            };
        };
        ElectorateVoterInput: {
            owners: {
                /** Format: uuid */
                id: string;
                /** @description Masked: 张* */
                name: string;
                /** @enum {string} */
                kind: "person" | "organisation";
            }[];
            developer: boolean;
            /** @description The co-owner the co-owners chose to cast their vote (R1.4), as at opening */
            representative: string | null;
            units: {
                /** Format: uuid */
                id: string;
                registryNo: string;
                building: string;
                stair: string | null;
                room: string;
                area: string;
                /** @enum {string} */
                kind: "residential" | "commercial" | "parking";
            }[];
            motions: {
                /** Format: uuid */
                motionId: string;
                /**
                 * Format: uuid
                 * @description What paper and proxy ballots on this motion name
                 */
                voterId: string;
                /** @description The voter’s units counted on this motion (its scope) */
                unitIds: string[];
                area: string;
                /**
                 * @description A voter is one head (R1.2)
                 * @constant
                 */
                heads: 1;
                /** @description The standing ballot: how and when, never its choice; null: not voted */
                ballot: {
                    /** @enum {string} */
                    channel: "online" | "paper" | "proxy";
                    /** Format: date-time */
                    castAt: string;
                    version: number;
                } | null;
                /** @description A paper ballot is entered and waits for a second organiser */
                paperPending: boolean;
            }[];
        };
        PetitionInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            estateId: string;
            /** @enum {string} */
            purpose: "temporary_meeting" | "parking_expansion";
            title: string;
            text: string;
            /** Format: date-time */
            createdAt: string;
            thresholdReachedAt: string | null;
            /** @description Signed area and heads against the 20 % / 20 % threshold (R3.4) */
            progress: {
                signed: {
                    /**
                     * @description m², exact, two decimals
                     * @example 2955.64
                     */
                    area: string;
                    heads: number;
                };
                total: {
                    /**
                     * @description m², exact, two decimals
                     * @example 2955.64
                     */
                    area: string;
                    heads: number;
                };
                needed: {
                    /**
                     * @description m², exact, two decimals
                     * @example 2955.64
                     */
                    area: string;
                    heads: number;
                };
                met: boolean;
            };
        };
        PublicCheckInput: {
            /** @constant */
            format: "gongjue.public-check";
            /** @constant */
            version: 1;
            /** Format: uuid */
            meetingId: string;
            estate: {
                name: string;
            };
            /** @description The township (街道/乡镇) the estate files with */
            township: {
                name: string;
            };
            meeting: {
                title: string;
                timeZone: string;
                votingOpens: string;
                votingCloses: string;
                published: string;
            };
            filing: {
                /** @enum {string} */
                status: "awaiting_review" | "returned" | "certified" | "correction_ordered" | "revoked";
                certifiedAt: string | null;
            };
            /** @description Titles and labels as stored now. A certification of format 2 signs the names itself (its payload); one of format 1 does not: show these beside its figures, said to be unsigned */
            motions: {
                /** Format: uuid */
                motionId: string;
                position: number;
                title: string;
                matterTitle: {
                    zh: string;
                    en: string;
                };
                choices: {
                    id: string;
                    label: {
                        zh: string;
                        en: string;
                    };
                }[];
            }[];
            /** @description Null until the township certifies the result (尚未经街道办事处备案确认) */
            certification: {
                /** @description The certification as signed: its canonical JSON (docs/bundle.md) is the signed bytes. Format 2 (`version: 2`) also signs the estate’s, township’s and meeting’s names and each motion’s title, matter, labels and verdict words; format 1 ids and figures only */
                payload: {
                    [key: string]: unknown;
                };
                /** @description Ed25519, base64 */
                signature: string;
                /** @description SHA-256 (hex) of the signing key’s DER (SPKI) encoding */
                keyId: string;
                /** @description SPKI PEM */
                publicKey: string;
            } | null;
            /** @constant */
            keyPath: "/.well-known/gongjue/result-signing-key";
        };
        RegistryImportInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            estateId: string;
            /** @enum {string} */
            status: "previewed" | "applied" | "superseded";
            /** @description The registry version the diff was computed against */
            baseVersion: number;
            /** @enum {string} */
            format: "csv" | "json";
            /** @description Units in the file */
            units: number;
            counts: {
                added: number;
                removed: number;
                changed: number;
                transfers: number;
                ownerUpdates: number;
                unchanged: number;
            };
            diff: {
                added: string[];
                removed: string[];
                changed: {
                    registryNo: string;
                    fields: string[];
                }[];
                transfers: {
                    registryNo: string;
                    from: {
                        name: string;
                        /** @enum {string} */
                        kind: "person" | "organisation";
                        idType: string;
                        idTail: string;
                    }[];
                    to: {
                        name: string;
                        /** @enum {string} */
                        kind: "person" | "organisation";
                        idType: string;
                        idTail: string;
                    }[];
                }[];
                /** @description Lists show at most 200 entries each; counts are complete */
                truncated: boolean;
            };
            /** Format: date-time */
            createdAt: string;
            appliedAt: string | null;
        };
        RegistryUnitInput: {
            /** Format: uuid */
            id: string;
            registryNo: string;
            building: string;
            stair: string | null;
            room: string;
            area: string;
            /** @enum {string} */
            areaSource: "registry" | "surveyed" | "contract";
            /** @enum {string} */
            kind: "residential" | "commercial" | "parking";
            developerHeld: boolean;
            owners: {
                /** Format: uuid */
                id: string;
                /** @description Masked (张*) unless the caller is authorised staff */
                name: string;
                /** @enum {string} */
                kind: "person" | "organisation";
                /** @description Last 4 characters of the identity number; staff only */
                idTail: string | null;
                /** @description Masked (138****1234) unless the caller is authorised staff */
                phone: string | null;
                /** @description Bound to an account */
                verified: boolean;
                /** @description How strongly the binding was established (README "Identity assurance"); null: not bound */
                assurance: components["schemas"]["AssuranceLevelInput"] | null;
                /** @description The co-owner designated to cast the unit’s vote (R1.4) */
                representative: boolean;
                /** @description An organisation or the developer (holds developer-held units): verified only in person by township staff, with `organisation` (R5.2) */
                inPersonOnly: boolean;
            }[];
        };
        AssuranceMixInput: {
            /** @enum {string} */
            channel: "online" | "paper" | "proxy";
            level: components["schemas"]["AssuranceLevelInput"] | null;
            ballots: number;
        }[];
        ResultNoticeInput: {
            /** @constant */
            format: "gongjue.result-notice";
            /** @constant */
            version: 1;
            estate: {
                /** Format: uuid */
                id: string;
                name: string;
            };
            meeting: {
                /** Format: uuid */
                id: string;
                /** @enum {string} */
                kind: "regular" | "temporary";
                title: string;
                /** Format: date-time */
                votingOpensAt: string;
                /** Format: date-time */
                votingClosesAt: string;
                closedAt: string | null;
                /** Format: date-time */
                publishedAt: string;
                local: {
                    timeZone: string;
                    votingOpens: string;
                    votingCloses: string;
                    published: string;
                };
            };
            filing: {
                /** @enum {string} */
                status: "awaiting_review" | "returned" | "certified" | "correction_ordered" | "revoked";
                certifiedAt: string | null;
                keyId: string | null;
                /** @description The public check page of this result in the owner app (`/check/{meetingId}`), offered once the township certified it; null before (and after a ruling against it) */
                checkPath: string | null;
            };
            /** @description R7.2: the objection window (询异公示); while its stage is not final the result is preliminary. null: published without one, final at publication */
            objectionWindow: components["schemas"]["ObjectionWindowInput"] | null;
            motions: {
                /** Format: uuid */
                motionId: string;
                position: number;
                title: string;
                matter: string;
                matterTitle: {
                    zh: string;
                    en: string;
                };
                kind: string;
                outcome: string;
                outcomeText: string;
                verdict: {
                    kind: string;
                    outcome: string;
                } & {
                    [key: string]: unknown;
                };
                /** @description The rule applied, as the tally engine reports it */
                rule: {
                    profile: string;
                    statute: {
                        zh: string;
                        en: string;
                    };
                } & {
                    [key: string]: unknown;
                };
                totals: {
                    TA: string;
                    TH: number;
                    PA: string;
                    PH: number;
                    didNotVote: {
                        area: string;
                        heads: number;
                    };
                    spoiled: {
                        area: string;
                        heads: number;
                    };
                };
                choices: {
                    area: string;
                    heads: number;
                    id: string;
                    label: {
                        zh: string;
                        en: string;
                    };
                }[];
                explanation: {
                    zh: string[];
                    en: string[];
                };
                /** Format: date-time */
                decidedAt: string;
                /** @description How many standing ballots came from each channel and, online, each level of identity assurance (README "Identity assurance"); paper and proxy: level null */
                assurance: components["schemas"]["AssuranceMixInput"];
                ballots: {
                    /** Format: uuid */
                    voterId: string;
                    /** @description Building, stairwell unit and room of each of the voter’s units */
                    units: string[];
                    /** @description Masked names, e.g. 张* */
                    owners: string[];
                    developer: boolean;
                    choice: unknown;
                    choiceText: string;
                    spoiled: boolean;
                    /** @enum {string} */
                    channel: "online" | "paper" | "proxy";
                    /** Format: date-time */
                    castAt: string;
                    version: number;
                    /** @description R4.4: the latest earlier ballot of this voter cast through another channel, which this one replaced; null if none */
                    replaced: {
                        /** @enum {string} */
                        channel: "online" | "paper" | "proxy";
                        version: number;
                    } | null;
                    /** Format: uuid */
                    ballotId: string;
                    /** @description The receipt given when this ballot was cast */
                    receipt: string;
                }[];
            }[];
        };
        FilingInput: {
            /** Format: uuid */
            meetingId: string;
            /** Format: uuid */
            estateId: string;
            /** Format: uuid */
            townshipId: string;
            /** @enum {string} */
            status: "awaiting_review" | "returned" | "certified" | "correction_ordered" | "revoked";
            updatedAt: string | null;
            certifiedAt: string | null;
            certifiedBy: string | null;
            keyId: string | null;
            publicKey: string | null;
            /** @description Ed25519, base64, over the canonical JSON of payload (docs/bundle.md) */
            signature: string | null;
            payload: {
                [key: string]: unknown;
            } | null;
            events: {
                /** @enum {string} */
                kind: "certified" | "returned" | "resubmitted" | "correction_ordered" | "revoked";
                actor: string;
                /** Format: date-time */
                at: string;
                text: string;
                reference: string | null;
            }[];
            /** @description Per motion id: the standing ballots per channel and level of identity assurance, to weigh before certifying */
            assurance: {
                [key: string]: components["schemas"]["AssuranceMixInput"];
            };
            /** @description R7.2: the result’s objection window; it is certified only once its stage is final. null: none (or not yet published) */
            objectionWindow: components["schemas"]["ObjectionWindowInput"] | null;
        };
        /** @description Everything `gongjue verify` needs: see docs/bundle.md */
        ResultBundleInput: {
            /** @constant */
            format: "gongjue.result-bundle";
            /** @constant */
            version: 3;
            /** Format: date-time */
            generatedAt: string;
            estate: {
                /** Format: uuid */
                id: string;
            } & {
                [key: string]: unknown;
            };
            township: {
                /** Format: uuid */
                id: string;
                name: string;
            } & {
                [key: string]: unknown;
            };
            meeting: {
                /** Format: uuid */
                id: string;
            } & {
                [key: string]: unknown;
            };
            motions: ({
                /** Format: uuid */
                motionId: string;
                record: {
                    [key: string]: unknown;
                };
                result: unknown;
                seal: unknown;
            } & {
                [key: string]: unknown;
            })[];
            certification: {
                [key: string]: unknown;
            } | null;
            audit: {
                chain: string;
                head: {
                    seq: number;
                    hash: string;
                };
                records: unknown[];
            } & {
                [key: string]: unknown;
            };
            objections: ({
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                motionId: string;
                /** @description Masked, as in the notice */
                owner: string;
                text: string;
            } & {
                [key: string]: unknown;
            })[];
            emergencyUses: {
                /** Format: date-time */
                from: string;
                /** Format: date-time */
                to: string;
                uses: ({
                    /** Format: uuid */
                    id: string;
                    amountFen: string;
                } & {
                    [key: string]: unknown;
                })[];
            } & {
                [key: string]: unknown;
            };
            proxyEndings: ({
                /** Format: uuid */
                proxyId: string;
                /** @description Masked, as in the notice */
                grantor: string;
                /** @description The holder’s phone, masked */
                holder: string;
                /** @enum {string} */
                how: "rejected" | "revoked_by_grantor" | "revoked_in_writing";
                /** Format: date-time */
                at: string;
                reason: string | null;
                revocationDocumentSha256: string | null;
            } & {
                [key: string]: unknown;
            })[];
            manifest: {
                objections: {
                    count: number;
                    sha256: string;
                };
                emergencyUses: {
                    count: number;
                    sha256: string;
                };
                proxyEndings: {
                    count: number;
                    sha256: string;
                };
            } & {
                [key: string]: unknown;
            };
        } & {
            [key: string]: unknown;
        };
        RoleAssignmentInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            accountId: string;
            phone: string;
            /** @enum {string} */
            role: "admin" | "township_staff" | "committee" | "organiser";
            townshipId: string | null;
            estateId: string | null;
            /** Format: date-time */
            grantedAt: string;
        };
        /**
         * @example {
         *       "id": "3f1c2a9e-8d4b-4c1a-9f0e-2b7d5a6c8e10",
         *       "code": "350881001",
         *       "name": "桂林街道",
         *       "createdAt": "2026-11-22T08:00:00.000Z"
         *     }
         */
        TownshipInput: {
            /** Format: uuid */
            id: string;
            /** @description Administrative division code (行政区划代码), 9 or 12 digits */
            code: string;
            name: string;
            /** Format: date-time */
            createdAt: string;
        };
        EstateOverviewInput: {
            estate: {
                /** Format: uuid */
                id: string;
                name: string;
            };
            committee: {
                members: number;
                organisers: number;
            };
            registry: {
                units: number;
                owners: number;
                importedAt: string | null;
            };
            meetingsInProgress: {
                /** Format: uuid */
                meetingId: string;
                title: string;
                /** Format: date-time */
                votingClosesAt: string;
                motions: number;
                /** @description The motion furthest from its quorum (heads first, then area) */
                furthest: {
                    electorate: {
                        /** @description m², exact, two decimals */
                        area: string;
                        heads: number;
                    };
                    tookPart: {
                        /** @description m², exact, two decimals */
                        area: string;
                        heads: number;
                    };
                    percent: {
                        area: string;
                        heads: string;
                    };
                    /** @description The tally engine’s quorum test on the motion’s rule; null where the rule has none */
                    quorum: {
                        threshold: string;
                        needed: {
                            /** @description m², exact, two decimals */
                            area: string;
                            heads: number;
                        };
                        missing: {
                            /** @description m², exact, two decimals */
                            area: string;
                            heads: number;
                        };
                        areaMet: boolean;
                        headsMet: boolean;
                        met: boolean;
                    } | null;
                    /** Format: uuid */
                    motionId: string;
                    position: number;
                    title: string;
                };
            }[];
            /** @description Tallied results awaiting the township’s review */
            awaitingFiling: number;
            petitions: {
                collecting: number;
                /** @description Reached 20 % of area and heads (R3.4) */
                reached: number;
            };
            /** @description Anomaly flags over the estate’s meetings (R7.3) */
            anomalies: number;
            /** @description Emergency uses of the maintenance fund the estate has filed (R4.9, R7.1) */
            emergencyUses: number;
        };
        AnomalyFlagInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            meetingId: string;
            /** @enum {string} */
            kind: "shared_phone" | "shared_address" | "proxy_near_cap" | "late_burst" | "paper_share" | "low_assurance" | "late_binding";
            /** @description What tells two flags of a kind apart: a masked phone or network, or the kind */
            key: string;
            /** @description The figures that raised the flag and the threshold (docs/console/township.md) */
            figures: {
                [key: string]: string | number;
            };
            /** @description The voters behind the flag, masked; at most 100 */
            voters: {
                /** @description Masked names, as in the notice */
                owners: string[];
                units: string[];
            }[];
            votersTotal: number;
            /** Format: date-time */
            flaggedAt: string;
        };
        FilingEvidenceInput: {
            /** Format: uuid */
            meetingId: string;
            /** @description `gongjue verify` run by the service on its own export bundle, with its public key */
            verification: {
                verified: boolean;
                problems: string[];
                notes: string[];
                /** Format: date-time */
                checkedAt: string;
            };
            channels: {
                /** Format: uuid */
                motionId: string;
                online: number;
                paper: number;
                proxy: number;
                total: number;
                /** @description Whole percent, rounded down */
                onlinePercent: number;
                paperPercent: number;
                proxyPercent: number;
                assurance: {
                    /** @enum {string} */
                    channel: "online" | "paper" | "proxy";
                    level: components["schemas"]["AssuranceLevelInput"] | null;
                    ballots: number;
                }[];
            }[];
            anomalies: components["schemas"]["AnomalyFlagInput"][];
            /** @description Objections during the objection window (R7.2); null when the estate set none (objectionDays 0 when the result was published) */
            objections: {
                open: number;
                answered: number;
            } | null;
        };
        WebhookSubscriptionInput: {
            /** Format: uuid */
            id: string;
            estateId: string | null;
            townshipId: string | null;
            url: string;
            events: ("meeting.noticed" | "voting.opened" | "motion.closed" | "result.published" | "result.final" | "result.certified")[];
            description: string | null;
            /** Format: date-time */
            createdAt: string;
            disabledAt: string | null;
        };
        WebhookDeliveryInput: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            subscriptionId: string;
            /** Format: uuid */
            eventId: string;
            eventType: string;
            /** @enum {string} */
            status: "pending" | "delivered" | "failed";
            attempts: number;
            nextAttemptAt: string | null;
            lastAttemptAt: string | null;
            lastStatusCode: number | null;
            lastError: string | null;
            deliveredAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        EstateRolesInput: {
            /** @description Oldest appointment first; each phone masked (138****1234) */
            items: components["schemas"]["RoleAssignmentInput"][];
            /** @description Whether the caller may appoint and remove committee members and organisers here */
            mayAppoint: boolean;
            /** @description The roles that may appoint and remove them (of this estate or its township) */
            appointableBy: ("admin" | "township_staff" | "committee" | "organiser" | "owner" | "client")[];
        };
        /** @description RFC 9457 problem details */
        Problem: {
            /** @example urn:gongjue:problem:validation-failed */
            type: string;
            title: string;
            status: number;
            detail?: string;
            instance?: string;
            requestId?: string;
            /** @description One entry per failing field (validation-failed) or bad row (invalid-file) */
            errors?: {
                /** @description validation-failed: the failing field, e.g. body.code */
                path?: string;
                /** @description invalid-file: the line (CSV) or unit number (JSON) */
                line?: number;
                /** @description invalid-file: the column or JSON field */
                field?: string;
                /**
                 * @description invalid-file: what is wrong with the row, as a stable code (docs/registry-import.md, "Error codes"); `message` says the same in English
                 * @enum {string}
                 */
                code?: "no-units" | "csv-quote-not-closed" | "csv-bad-closing-quote" | "csv-malformed" | "column-unknown" | "column-repeated" | "columns-missing" | "row-cell-count" | "cell-without-header" | "json-field-unknown" | "json-field-required" | "json-area-not-string" | "json-wrong-type" | "json-wrong-value" | "json-invalid" | "value-missing" | "value-control-character" | "value-too-long" | "code-unknown" | "developer-held-unknown" | "person-with-credit-code" | "phone-not-mobile" | "area-missing" | "area-not-decimal" | "area-negative" | "area-too-precise" | "area-zero" | "area-too-large" | "certificate-control-character" | "certificate-length" | "id-missing" | "id-scientific-notation" | "id-resident-15-digits" | "id-resident-shape" | "id-region-code" | "id-birth-date" | "id-check-character" | "id-hk-macao-shape" | "id-taiwan-shape" | "id-foreign-shape" | "id-passport-shape" | "id-credit-code-length" | "id-credit-code-alphabet" | "unit-without-owner" | "registry-no-repeated" | "registry-no-details-differ" | "room-repeated" | "owner-repeated" | "owner-two-names";
                /** @description invalid-file: the figures the code's sentence names (values from the file as excerpts of at most 40 characters, never an identity number) */
                params?: {
                    [key: string]: string | number;
                };
                message: string;
                /** @description Where the service has them: the refusal as a sentence for staff, in Chinese and English, with what to do next (e.g. a setting looser than the statute) */
                words?: {
                    zh: string;
                    en: string;
                };
            }[];
        } & {
            [key: string]: unknown;
        };
        BallotReceipt: {
            /** Format: uuid */
            ballotId: string;
            /** Format: uuid */
            motionId: string;
            /** Format: uuid */
            voterId: string;
            /** @description 1 for the first ballot, then one more for each change */
            version: number;
            /** @enum {string} */
            channel: "online" | "paper" | "proxy";
            /** Format: date-time */
            castAt: string;
            /** @description SHA-256 of the ballot; find it in the published result */
            receipt: string;
            /** @description The channel of the ballot this one replaced */
            replaced: ("online" | "paper" | "proxy") | null;
        };
        /** @enum {string} */
        AssuranceLevel: "knowledge" | "registry_factor" | "provider_face" | "in_person";
        ApiClient: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @enum {string} */
            access: "read" | "read_write";
            townshipIds: string[];
            estateIds: string[];
            /** Format: date-time */
            createdAt: string;
            revokedAt: string | null;
        };
        Attachment: {
            /** Format: uuid */
            id: string;
            name: string;
            /**
             * @description What the bytes are (judged by their content)
             * @enum {string}
             */
            contentType: "application/pdf" | "image/jpeg" | "image/png";
            /** @description Bytes */
            size: number;
            /** @description SHA-256 of the bytes, 64 hex digits */
            sha256: string;
            /** @description Where to download it, with the same bearer token */
            url: string;
            /** Format: date-time */
            createdAt: string;
        };
        /**
         * @example {
         *       "accessToken": "eyJhbGciOiJFUzI1NiJ9…",
         *       "tokenType": "Bearer",
         *       "expiresIn": 900,
         *       "refreshToken": "rt_…",
         *       "accountId": "6b1f…"
         *     }
         */
        Session: {
            accessToken: string;
            /** @constant */
            tokenType: "Bearer";
            /** @description Seconds the access token is valid */
            expiresIn: number;
            /** @description Single use: each refresh returns the next one. Absent when it went into the browser's refresh cookie (refreshTokenIn: cookie) */
            refreshToken?: string;
            /** Format: uuid */
            accountId: string;
        };
        RefreshedSession: {
            accessToken: string;
            /** @constant */
            tokenType: "Bearer";
            /** @description Seconds the access token is valid */
            expiresIn: number;
            /** @description Single use: each refresh returns the next one. Absent when it went into the browser's refresh cookie (refreshTokenIn: cookie) */
            refreshToken?: string;
            /** Format: uuid */
            accountId: string;
            /** @description Present when asked for (withMeeting): the meeting's two reads, answered by their own routes */
            withMeeting?: {
                /** @description What GET /v1/meetings/{meetingId} answers with the new access token */
                meeting: {
                    status: number;
                    body: unknown;
                };
                /** @description What GET /v1/meetings/{meetingId}/my-ballots answers with the new access token */
                myBallots: {
                    status: number;
                    body: unknown;
                };
            };
        };
        /**
         * @description What was found at the door: visited 已上门, not_home 不在家, refused 拒绝, lives_elsewhere 人户分离, paper_ballot 将交纸质票, needs_help 需要协助
         * @enum {string}
         */
        CanvassStatus: "visited" | "not_home" | "refused" | "lives_elsewhere" | "paper_ballot" | "needs_help";
        CanvassVisit: {
            status: components["schemas"]["CanvassStatus"];
            note: string | null;
            /** @description The organiser who recorded it */
            setBy: {
                /** Format: uuid */
                accountId: string;
                /** @description Masked: 138****1234 */
                phone: string;
            };
            /** Format: date-time */
            setAt: string;
        };
        CanvassVoter: {
            /**
             * Format: uuid
             * @description The voter on the meeting’s first motion: what statuses, reminders (and paper ballots of that motion) name
             */
            voterId: string;
            /** @description The developer’s units (R1.2: one head) */
            developer: boolean;
            owners: {
                /** Format: uuid */
                id: string;
                /** @description Masked: 张* */
                name: string;
                /** @enum {string} */
                kind: "person" | "organisation";
                /** @description Masked: 138****1234; the full number only through POST …/canvass/owners/{ownerId}/phone */
                phone: string | null;
            }[];
            /** @description The voter’s units (the first ten), in walking order */
            units: {
                building: string;
                stair: string | null;
                room: string;
            }[];
            unitCount: number;
            /** @description Motions open to the voter (or the chosen motion) */
            motions: number;
            /** @description Of those, how many it has voted on */
            voted: number;
            /** @description What was last found at the door; null: no visit recorded */
            latest: components["schemas"]["CanvassVisit"] | null;
            /** @description Visits recorded, the latest included */
            visits: number;
        };
        Estate: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            townshipId: string;
            name: string;
            address: string | null;
            timeZone: string;
            settings: {
                /**
                 * @default civil-code-2021
                 * @enum {string}
                 */
                profile: "civil-code-2021" | "property-law-2007";
                /** @default false */
                countParking: boolean;
                /**
                 * @default excluded
                 * @enum {string}
                 */
                nonVoters: "excluded" | "follow_majority";
                /**
                 * @default any
                 * @enum {string}
                 */
                coOwnerVoting: "any" | "representative";
                /**
                 * @description R3.6: a lift installation also needs at least 2/3 of the stairwell unit’s heads agreeing.
                 * @default false
                 */
                liftConsentTwoThirds: boolean;
                /**
                 * @description Stricter thresholds from the estate’s rules of procedure.
                 * @default {}
                 */
                overrides: {
                    [key: string]: {
                        /** @description Share of the total area and heads that must take part. */
                        quorum?: {
                            num: number;
                            den: number;
                            /**
                             * @description true: more than num/den (过半数); false: at least num/den (以上).
                             * @default false
                             */
                            strict: boolean;
                        };
                        /** @description Share of the base (participants, or totals under property-law-2007) that must agree. */
                        approval?: {
                            num: number;
                            den: number;
                            /**
                             * @description true: more than num/den (过半数); false: at least num/den (以上).
                             * @default false
                             */
                            strict: boolean;
                        };
                    };
                };
                /**
                 * @description R4.1: days between the notice and the opening of voting, at least 15 (条例 第十四条)
                 * @default 15
                 */
                noticeDays: number;
                /** @description R4.1: the notice period for temporary meetings, where the city allows a shorter one (杭州: 7); defaults to noticeDays. Regular meetings always take noticeDays */
                temporaryNoticeDays?: number;
                /**
                 * @description R4.2: bounds on the length of the voting window, in days (杭州: 5 to 60)
                 * @default {
                 *       "min": 1,
                 *       "max": 60
                 *     }
                 */
                windowDays: {
                    min: number;
                    max: number;
                };
                /**
                 * @description R4.3: owners one proxy holder may represent
                 * @default 3
                 */
                maxProxiesPerHolder: number;
                /** @description The residents’ committee’s mobile: it receives the notice and the published result by SMS */
                residentsCommitteePhone?: string;
                /**
                 * @description Issue 14: the lowest level of identity assurance whose binding may vote online (frozen on the meeting when voting opens). knowledge (name and identity number) may still see holdings; an estate may require provider_face or in_person
                 * @default registry_factor
                 * @enum {string}
                 */
                minimumAssurance: "knowledge" | "registry_factor" | "provider_face" | "in_person";
                /**
                 * @description R7.2 (issue 17): days of the objection window (询异公示) after a result is published; 0 = off. While it runs the result is preliminary: owners may object to how their own ballot was recorded, the committee answers, and only then may it be certified
                 * @default 0
                 */
                objectionDays: number;
            };
            /** @description How many registry imports have been applied */
            registryVersion: number;
            /** Format: date-time */
            createdAt: string;
        };
        EstateSettingsExplained: {
            settings: {
                /**
                 * @default civil-code-2021
                 * @enum {string}
                 */
                profile: "civil-code-2021" | "property-law-2007";
                /** @default false */
                countParking: boolean;
                /**
                 * @default excluded
                 * @enum {string}
                 */
                nonVoters: "excluded" | "follow_majority";
                /**
                 * @default any
                 * @enum {string}
                 */
                coOwnerVoting: "any" | "representative";
                /**
                 * @description R3.6: a lift installation also needs at least 2/3 of the stairwell unit’s heads agreeing.
                 * @default false
                 */
                liftConsentTwoThirds: boolean;
                /**
                 * @description Stricter thresholds from the estate’s rules of procedure.
                 * @default {}
                 */
                overrides: {
                    [key: string]: {
                        /** @description Share of the total area and heads that must take part. */
                        quorum?: {
                            num: number;
                            den: number;
                            /**
                             * @description true: more than num/den (过半数); false: at least num/den (以上).
                             * @default false
                             */
                            strict: boolean;
                        };
                        /** @description Share of the base (participants, or totals under property-law-2007) that must agree. */
                        approval?: {
                            num: number;
                            den: number;
                            /**
                             * @description true: more than num/den (过半数); false: at least num/den (以上).
                             * @default false
                             */
                            strict: boolean;
                        };
                    };
                };
                /**
                 * @description R4.1: days between the notice and the opening of voting, at least 15 (条例 第十四条)
                 * @default 15
                 */
                noticeDays: number;
                /** @description R4.1: the notice period for temporary meetings, where the city allows a shorter one (杭州: 7); defaults to noticeDays. Regular meetings always take noticeDays */
                temporaryNoticeDays?: number;
                /**
                 * @description R4.2: bounds on the length of the voting window, in days (杭州: 5 to 60)
                 * @default {
                 *       "min": 1,
                 *       "max": 60
                 *     }
                 */
                windowDays: {
                    min: number;
                    max: number;
                };
                /**
                 * @description R4.3: owners one proxy holder may represent
                 * @default 3
                 */
                maxProxiesPerHolder: number;
                /** @description The residents’ committee’s mobile: it receives the notice and the published result by SMS */
                residentsCommitteePhone?: string;
                /**
                 * @description Issue 14: the lowest level of identity assurance whose binding may vote online (frozen on the meeting when voting opens). knowledge (name and identity number) may still see holdings; an estate may require provider_face or in_person
                 * @default registry_factor
                 * @enum {string}
                 */
                minimumAssurance: "knowledge" | "registry_factor" | "provider_face" | "in_person";
                /**
                 * @description R7.2 (issue 17): days of the objection window (询异公示) after a result is published; 0 = off. While it runs the result is preliminary: owners may object to how their own ballot was recorded, the committee answers, and only then may it be certified
                 * @default 0
                 */
                objectionDays: number;
            };
            /** @description Whether the caller may replace these settings (PUT …/settings) */
            mayChange: boolean;
            /** @description The roles that may change them (of this estate or its township) */
            changeableBy: ("admin" | "township_staff" | "committee" | "organiser" | "owner" | "client")[];
            statutes: {
                /** @description A key of settings */
                setting: string;
                /** @description The rule of the rulebook (domain.md) it belongs to */
                rule: string;
                /** @description The statute the setting refines */
                statute: {
                    zh: string;
                    en: string;
                };
                /** @description What the statute itself says */
                statuteValue: {
                    zh: string;
                    en: string;
                };
                /** @description Which way an estate may move from it */
                refinement: {
                    zh: string;
                    en: string;
                };
            }[];
            thresholds: {
                matter: string;
                /** @description Item of 民法典 第二百七十八条 */
                item: number;
                title: {
                    zh: string;
                    en: string;
                };
                /** @enum {string} */
                test: "ordinary" | "special" | "petition";
                statute: {
                    zh: string;
                    en: string;
                };
                /** @description The statute's floor under the estate's profile */
                floor: {
                    quorum: {
                        num: number;
                        den: number;
                        /** @description true: more than (过半数); false: at least (以上) */
                        strict: boolean;
                    } | null;
                    approval: {
                        num: number;
                        den: number;
                        /** @description true: more than (过半数); false: at least (以上) */
                        strict: boolean;
                    };
                };
                floorWords: {
                    zh: string;
                    en: string;
                };
                /** @description The estate's stricter thresholds, if any */
                override: {
                    quorum: {
                        num: number;
                        den: number;
                        /** @description true: more than (过半数); false: at least (以上) */
                        strict: boolean;
                    } | null;
                    approval: {
                        num: number;
                        den: number;
                        /** @description true: more than (过半数); false: at least (以上) */
                        strict: boolean;
                    } | null;
                } | null;
                /** @description The rule a yes/no motion of this matter is decided by */
                appliedWords: {
                    zh: string;
                    en: string;
                };
            }[];
        };
        TallyReport: {
            /** @constant */
            format: "gongjue.tally-report";
            version: number;
            motion: {
                id: string | null;
                title: string | null;
                kind: string;
                matter: string;
                matterTitle: {
                    zh: string;
                    en: string;
                    /** @description The item of 民法典 第二百七十八条 */
                    item: number;
                };
            } & {
                [key: string]: unknown;
            };
            rule: {
                profile: string;
                statute: {
                    zh: string;
                    en: string;
                };
                test: string;
                base: string;
                quorum: {
                    num: number;
                    den: number;
                    strict: boolean;
                    /** @description e.g. "≥ 2/3" */
                    text: string;
                } | null;
                approval: {
                    num: number;
                    den: number;
                    strict: boolean;
                    /** @description e.g. "≥ 2/3" */
                    text: string;
                };
            } & {
                [key: string]: unknown;
            };
            totals: {
                TA: string;
                TH: number;
                PA: string;
                PH: number;
                didNotVote: {
                    /** @description m², exact, two decimals */
                    area: string;
                    heads: number;
                };
                spoiled: {
                    /** @description m², exact, two decimals */
                    area: string;
                    heads: number;
                };
            } & {
                [key: string]: unknown;
            };
            readonly choices: {
                /** @description m², exact, two decimals */
                area: string;
                heads: number;
                id: string;
                label: {
                    zh: string;
                    en: string;
                };
            }[];
            quorum: ({
                met: boolean;
                threshold: {
                    num: number;
                    den: number;
                    strict: boolean;
                    /** @description e.g. "≥ 2/3" */
                    text: string;
                };
                area: {
                    value: string;
                    base: string;
                    threshold: {
                        num: number;
                        den: number;
                        strict: boolean;
                        /** @description e.g. "≥ 2/3" */
                        text: string;
                    };
                    /** @description The least value that meets the threshold */
                    needed: string;
                    /** @description value − needed: negative when missed */
                    margin: string;
                    met: boolean;
                };
                heads: {
                    value: number;
                    base: number;
                    threshold: {
                        num: number;
                        den: number;
                        strict: boolean;
                        /** @description e.g. "≥ 2/3" */
                        text: string;
                    };
                    /** @description The least value that meets the threshold */
                    needed: number;
                    /** @description value − needed: negative when missed */
                    margin: number;
                    met: boolean;
                };
            } & {
                [key: string]: unknown;
            }) | null;
            verdict: {
                /** @enum {string} */
                kind: "yes_no" | "options" | "election" | "petition";
                outcome: string;
            } & {
                [key: string]: unknown;
            };
            readonly warnings: {
                code: string;
                zh: string;
                en: string;
            }[];
            /** @description The engine’s explanation, one checkable line each */
            explanation: {
                readonly zh: string[];
                readonly en: string[];
            };
        } & {
            [key: string]: unknown;
        };
        QuorumGap: {
            /** @description e.g. "≥ 2/3" of the area and of the heads */
            threshold: string;
            /** @description The least area and heads that meet it */
            needed: {
                /**
                 * @description m², exact, two decimals
                 * @example 2955.64
                 */
                area: string;
                heads: number;
            };
            /** @description What is still missing; zero where that half of the test is met */
            missing: {
                /**
                 * @description m², exact, two decimals
                 * @example 2955.64
                 */
                area: string;
                heads: number;
            };
            areaMet: boolean;
            headsMet: boolean;
            met: boolean;
        };
        StairParticipation: {
            /** @description '' for flats without a stairwell unit */
            stair: string;
            /** @description The frozen electorate of this place (R4.6) */
            electorate: {
                /**
                 * @description m², exact, two decimals
                 * @example 2955.64
                 */
                area: string;
                heads: number;
            };
            /** @description Voters who took part: a current ballot, whatever it says */
            tookPart: {
                /**
                 * @description m², exact, two decimals
                 * @example 2955.64
                 */
                area: string;
                heads: number;
            };
            /** @description Percent of the electorate that took part, two decimals, rounded down, e.g. "63.41" */
            percent: {
                area: string;
                heads: string;
            };
            /** @description Null where the motion's rule has no quorum */
            quorum: components["schemas"]["QuorumGap"] | null;
        };
        BuildingParticipation: {
            building: string;
            /** @description The frozen electorate of this place (R4.6) */
            electorate: {
                /**
                 * @description m², exact, two decimals
                 * @example 2955.64
                 */
                area: string;
                heads: number;
            };
            /** @description Voters who took part: a current ballot, whatever it says */
            tookPart: {
                /**
                 * @description m², exact, two decimals
                 * @example 2955.64
                 */
                area: string;
                heads: number;
            };
            /** @description Percent of the electorate that took part, two decimals, rounded down, e.g. "63.41" */
            percent: {
                area: string;
                heads: string;
            };
            /** @description Null where the motion's rule has no quorum */
            quorum: components["schemas"]["QuorumGap"] | null;
            stairs: components["schemas"]["StairParticipation"][];
        };
        MotionParticipation: {
            /** Format: uuid */
            motionId: string;
            position: number;
            title: string;
            scope: {
                /** @constant */
                kind: "estate";
            } | {
                /** @constant */
                kind: "building";
                building: string;
            } | {
                /** @constant */
                kind: "stair";
                building: string;
                stair: string;
            };
            /** @description The frozen electorate of this place (R4.6) */
            electorate: {
                /**
                 * @description m², exact, two decimals
                 * @example 2955.64
                 */
                area: string;
                heads: number;
            };
            /** @description Voters who took part: a current ballot, whatever it says */
            tookPart: {
                /**
                 * @description m², exact, two decimals
                 * @example 2955.64
                 */
                area: string;
                heads: number;
            };
            /** @description Percent of the electorate that took part, two decimals, rounded down, e.g. "63.41" */
            percent: {
                area: string;
                heads: string;
            };
            /** @description Null where the motion's rule has no quorum */
            quorum: components["schemas"]["QuorumGap"] | null;
            /** @description The quorum share in words, e.g. { zh: "达到三分之二", en: "at least 2/3" } */
            thresholdWords: {
                zh: string;
                en: string;
            } | null;
            /** @description e.g. "参与表决：面积和人数都需达到三分之二（还差 12 户、843.20 ㎡）" */
            words: {
                zh: string;
                en: string;
            };
            buildings: components["schemas"]["BuildingParticipation"][];
        };
        MeetingParticipation: {
            /** Format: uuid */
            meetingId: string;
            /** @enum {string} */
            status: "draft" | "noticed" | "open" | "closed" | "tallied" | "published" | "cancelled" | "discrepancy";
            /** Format: date-time */
            votingClosesAt: string;
            /** @description Current ballots of all motions: unchanged means participation has not moved */
            ballots: number;
            motions: components["schemas"]["MotionParticipation"][];
        };
        Motion: {
            /** Format: uuid */
            id: string;
            position: number;
            matter: string;
            /** @enum {string} */
            kind: "yes_no" | "options" | "election";
            title: string;
            text: string;
            options: {
                id: string;
                label: string;
            }[] | null;
            candidates: {
                id: string;
                name: string;
            }[] | null;
            seats: number | null;
            scope: unknown;
            liftInstallation: boolean;
            documents: {
                name: string;
                url: string;
                sha256: string;
            }[];
            /** @description The rule that will decide this motion, shown before anyone votes */
            rule: {
                profile: string;
                matter: string;
                matterTitle: {
                    /** @description The matter’s item in 民法典 第二百七十八条, 1–9 */
                    item: number;
                    zh: string;
                    en: string;
                };
                test: string;
                /** @description e.g. "≥ 2/3" of total area and heads; null where the profile has none */
                quorum: string | null;
                /** @description e.g. "> 1/2" or "≥ 3/4", of area and of heads */
                approval: string;
                base: string;
                liftConsent: string | null;
                statute: {
                    zh: string;
                    en: string;
                };
                /** @description The rule in one plain sentence for owners, e.g. "参与表决的面积和人数都要达到三分之二，同意的面积和人数都要达到四分之三" */
                words: {
                    zh: string;
                    en: string;
                };
            };
            /** @description TA and TH, frozen when voting opens */
            electorate: {
                /**
                 * @description m², exact, two decimals
                 * @example 2955.64
                 */
                area: string;
                heads: number;
            } | null;
        };
        Meeting: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            estateId: string;
            /** @enum {string} */
            kind: "regular" | "temporary";
            title: string;
            description: string | null;
            /**
             * @description discrepancy: closed, but the SQL totals and the engine's recount of the sealed tally record disagreed — no result; see GET …/results
             * @enum {string}
             */
            status: "draft" | "noticed" | "open" | "closed" | "tallied" | "published" | "cancelled" | "discrepancy";
            /** Format: date-time */
            votingOpensAt: string;
            /** Format: date-time */
            votingClosesAt: string;
            /** @description The instants in the estate's time zone */
            local: {
                timeZone: string;
                votingOpens: string;
                votingCloses: string;
            };
            noticedAt: string | null;
            openedAt: string | null;
            closedAt: string | null;
            motions: components["schemas"]["Motion"][];
        };
        /** @description R7.2: the objection window (询异公示) of a published result */
        ObjectionWindow: {
            days: number;
            /** Format: date-time */
            openedAt: string;
            /** Format: date-time */
            closesAt: string;
            /** @description closesAt in the estate’s time zone, YYYY-MM-DD HH:mm */
            closesAtLocal: string;
            finalAt: string | null;
            /**
             * @description preliminary: the window runs, owners may object; awaiting_answers: it ended with objections unanswered; awaiting_final: ended and all answered, about to be marked final; final: the result is final and may be certified
             * @enum {string}
             */
            stage: "preliminary" | "awaiting_answers" | "awaiting_final" | "final";
            objections: number;
            unanswered: number;
        };
        Objection: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            meetingId: string;
            /** Format: uuid */
            motionId: string;
            motionPosition: number;
            motionTitle: string;
            /** Format: uuid */
            voterId: string;
            /** @description The standing ballot when the objection was raised; null when none of the voter’s was recorded */
            ballotId: string | null;
            /** @description The owner who raised it, masked as in the notice */
            owner: string;
            /** @description Raised by the asking owner */
            mine: boolean;
            text: string;
            /** Format: date-time */
            createdAt: string;
            answer: {
                text: string;
                /** Format: date-time */
                at: string;
            } | null;
        };
        MeetingObjections: {
            window: components["schemas"]["ObjectionWindow"] | null;
            items: components["schemas"]["Objection"][];
        };
        /** @description R4.9/R7.1: an emergency repair paid from the maintenance fund without a vote */
        EmergencyUse: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            estateId: string;
            estateName: string;
            /** Format: uuid */
            townshipId: string;
            /** @enum {string} */
            kind: "lift" | "fire_safety" | "water_supply" | "danger_to_persons";
            kindText: {
                zh: string;
                en: string;
            };
            title: string;
            reason: string;
            /** @description The amount in fen (1/100 yuan), an exact integer as a decimal string */
            amountFen: string;
            /** @description The amount in yuan as the service writes it, e.g. 12,345.67 */
            amountText: string;
            /**
             * @description Always true: spent from the maintenance fund without the owners’ vote (民法典 第二百八十一条)
             * @constant
             */
            withoutVote: true;
            /**
             * @description awaiting_review: filed or answered, for the township; acknowledged; questioned: the township asked, the committee answers
             * @enum {string}
             */
            status: "awaiting_review" | "acknowledged" | "questioned";
            /** Format: date-time */
            filedAt: string;
            /** Format: date-time */
            updatedAt: string;
            quotes: {
                /** Format: uuid */
                id: string;
                name: string;
                contentType: string;
                size: number;
                sha256: string;
                url: string;
                /** Format: date-time */
                createdAt: string;
            }[];
            events: {
                /** @enum {string} */
                kind: "filed" | "acknowledged" | "questioned" | "answered";
                actor: string;
                /** Format: date-time */
                at: string;
                text: string;
            }[];
        };
        PaperBallot: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            motionId: string;
            /** Format: uuid */
            voterId: string;
            /** @description The voter’s units (building, stair, room) as at opening: whose paper it is */
            voterUnits: string[];
            /** @description Blind while pending: null to anyone but the organiser who entered it, until a second organiser has read the paper again */
            choice: unknown;
            spoiled: boolean;
            scan: {
                /** @description An attachment’s download path, or the URL given */
                url: string;
                sha256: string;
            };
            /** @description The owner who signed the paper */
            signedBy: string | null;
            /** @enum {string} */
            status: "pending" | "confirmed" | "rejected";
            /** Format: uuid */
            enteredBy: string;
            /** Format: date-time */
            enteredAt: string;
            decidedBy: string | null;
            ballotId: string | null;
            /** @description While pending: the last second reading of the paper (double entry) and where it differs from the first (empty: alike, ready to confirm); null when nobody has read it again */
            check: {
                choice: unknown;
                spoiled: boolean;
                /** Format: uuid */
                checkedBy: string;
                /** Format: date-time */
                checkedAt: string;
                differences: {
                    /** @enum {string} */
                    field: "spoiled" | "choice";
                    /** @description The first entry’s reading */
                    first: unknown;
                    /** @description The confirming entry’s reading */
                    second: unknown;
                }[];
            } | null;
        };
        Proxy: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            meetingId: string;
            /** Format: uuid */
            grantorOwnerId: string;
            /** Format: uuid */
            holderAccountId: string;
            instructions: {
                [key: string]: unknown;
            } | null;
            document: {
                url: string;
                sha256: string;
            };
            /** @enum {string} */
            status: "pending" | "approved" | "rejected" | "revoked";
            /** Format: date-time */
            registeredAt: string;
            /** @description Once voting is open: per motion, the voter(s) the grantor belongs to — the voterId the holder casts for */
            voters: {
                /** Format: uuid */
                motionId: string;
                /** Format: uuid */
                voterId: string;
                units: string[];
                area: string;
            }[];
            /** @description Once rejected or revoked: when, by whom and why; null while pending or approved */
            ending: {
                /** Format: date-time */
                at: string;
                /**
                 * Format: uuid
                 * @description The account that rejected or revoked it
                 */
                by: string;
                reason: string | null;
                /** @description Revoked by the grantor themselves from the owner app */
                byGrantor: boolean;
                /** @description The written revocation’s scan, recorded by an organiser */
                document: {
                    url: string;
                    sha256: string;
                } | null;
            } | null;
            /** @description Ballots the holder cast under it (every version), and how many stand now: a revocation leaves them standing until the owner votes */
            ballots: {
                cast: number;
                standing: number;
            };
            /** @description What an organiser may do with it now: approve a pending one; reject a live one nobody has voted under; revoke a live one (the meeting noticed or open) */
            may: {
                approve: boolean;
                reject: boolean;
                revoke: boolean;
            };
        };
        HeldProxy: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            status: "pending" | "approved" | "rejected" | "revoked";
            meeting: {
                /** Format: uuid */
                id: string;
                title: string;
                /** @enum {string} */
                status: "draft" | "noticed" | "open" | "closed" | "tallied" | "published" | "cancelled" | "discrepancy";
                estateName: string;
                /** @description The voting window in the estate's time zone */
                local: {
                    timeZone: string;
                    votingOpens: string;
                    votingCloses: string;
                };
            };
            grantor: {
                /** @description Masked: 张* */
                name: string;
            };
            /** @description motion id → the choice the owner’s written proxy fixes; null: the holder chooses */
            instructions: {
                [key: string]: unknown;
            } | null;
            /** Format: date-time */
            registeredAt: string;
            ending: {
                /** Format: date-time */
                at: string;
                reason: string | null;
                byGrantor: boolean;
            } | null;
            motions: {
                /** Format: uuid */
                motionId: string;
                title: string;
                /** @description The grantor’s voter on this motion, what POST …/proxy-ballots names; null before voting opens or outside the motion’s scope */
                voterId: string | null;
                units: string[];
                area: string | null;
                /** @description The choice the owner fixed for this motion; null: the holder chooses */
                instructed: unknown;
                /** @description The standing ballot: none; the one cast under this proxy (its choice and receipt); or another one (the owner’s own…), whose choice is not shown */
                standing: {
                    /** @constant */
                    by: "none";
                } | {
                    /** @constant */
                    by: "this_proxy";
                    choice: unknown;
                    /** Format: date-time */
                    castAt: string;
                    version: number;
                    receipt: string;
                    /** Format: uuid */
                    ballotId: string;
                } | {
                    /** @constant */
                    by: "other";
                };
                /** @description Whether POST …/proxy-ballots would accept a ballot under this proxy now (asked of the ballot rules, writing nothing) and, if not, why */
                cast: {
                    allowed: boolean;
                    refusal: {
                        /** @description The problem type the route would answer (e.g. proxy-ended, conflict) */
                        type: string;
                        detail: string;
                    } | null;
                };
            }[];
        };
        GrantedProxy: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            status: "pending" | "approved" | "rejected" | "revoked";
            meeting: {
                /** Format: uuid */
                id: string;
                title: string;
                /** @enum {string} */
                status: "draft" | "noticed" | "open" | "closed" | "tallied" | "published" | "cancelled" | "discrepancy";
                estateName: string;
                /** @description The voting window in the estate's time zone */
                local: {
                    timeZone: string;
                    votingOpens: string;
                    votingCloses: string;
                };
            };
            grantor: {
                /** Format: uuid */
                ownerId: string;
                /** @description The owner you are verified as */
                name: string;
            };
            holder: {
                /** @description Masked: 137****9999 */
                phone: string;
            };
            instructions: {
                [key: string]: unknown;
            } | null;
            /** Format: date-time */
            registeredAt: string;
            ending: {
                /** Format: date-time */
                at: string;
                reason: string | null;
                byGrantor: boolean;
            } | null;
            /** @description Ballots the holder cast under it, and how many stand now */
            ballots: {
                cast: number;
                standing: number;
            };
            /** @description Whether POST /v1/me/proxies/{proxyId}/revoke would accept it now and, if not, why */
            revoke: {
                allowed: boolean;
                refusal: {
                    /** @description The problem type the route would answer (e.g. proxy-ended, conflict) */
                    type: string;
                    detail: string;
                } | null;
            };
        };
        ElectorateVoter: {
            owners: {
                /** Format: uuid */
                id: string;
                /** @description Masked: 张* */
                name: string;
                /** @enum {string} */
                kind: "person" | "organisation";
            }[];
            developer: boolean;
            /** @description The co-owner the co-owners chose to cast their vote (R1.4), as at opening */
            representative: string | null;
            units: {
                /** Format: uuid */
                id: string;
                registryNo: string;
                building: string;
                stair: string | null;
                room: string;
                area: string;
                /** @enum {string} */
                kind: "residential" | "commercial" | "parking";
            }[];
            motions: {
                /** Format: uuid */
                motionId: string;
                /**
                 * Format: uuid
                 * @description What paper and proxy ballots on this motion name
                 */
                voterId: string;
                /** @description The voter’s units counted on this motion (its scope) */
                unitIds: string[];
                area: string;
                /**
                 * @description A voter is one head (R1.2)
                 * @constant
                 */
                heads: 1;
                /** @description The standing ballot: how and when, never its choice; null: not voted */
                ballot: {
                    /** @enum {string} */
                    channel: "online" | "paper" | "proxy";
                    /** Format: date-time */
                    castAt: string;
                    version: number;
                } | null;
                /** @description A paper ballot is entered and waits for a second organiser */
                paperPending: boolean;
            }[];
        };
        Petition: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            estateId: string;
            /** @enum {string} */
            purpose: "temporary_meeting" | "parking_expansion";
            title: string;
            text: string;
            /** Format: date-time */
            createdAt: string;
            thresholdReachedAt: string | null;
            /** @description Signed area and heads against the 20 % / 20 % threshold (R3.4) */
            progress: {
                signed: {
                    /**
                     * @description m², exact, two decimals
                     * @example 2955.64
                     */
                    area: string;
                    heads: number;
                };
                total: {
                    /**
                     * @description m², exact, two decimals
                     * @example 2955.64
                     */
                    area: string;
                    heads: number;
                };
                needed: {
                    /**
                     * @description m², exact, two decimals
                     * @example 2955.64
                     */
                    area: string;
                    heads: number;
                };
                met: boolean;
            };
        };
        PublicCheck: {
            /** @constant */
            format: "gongjue.public-check";
            /** @constant */
            version: 1;
            /** Format: uuid */
            meetingId: string;
            estate: {
                name: string;
            };
            /** @description The township (街道/乡镇) the estate files with */
            township: {
                name: string;
            };
            meeting: {
                title: string;
                timeZone: string;
                votingOpens: string;
                votingCloses: string;
                published: string;
            };
            filing: {
                /** @enum {string} */
                status: "awaiting_review" | "returned" | "certified" | "correction_ordered" | "revoked";
                certifiedAt: string | null;
            };
            /** @description Titles and labels as stored now. A certification of format 2 signs the names itself (its payload); one of format 1 does not: show these beside its figures, said to be unsigned */
            motions: {
                /** Format: uuid */
                motionId: string;
                position: number;
                title: string;
                matterTitle: {
                    zh: string;
                    en: string;
                };
                choices: {
                    id: string;
                    label: {
                        zh: string;
                        en: string;
                    };
                }[];
            }[];
            /** @description Null until the township certifies the result (尚未经街道办事处备案确认) */
            certification: {
                /** @description The certification as signed: its canonical JSON (docs/bundle.md) is the signed bytes. Format 2 (`version: 2`) also signs the estate’s, township’s and meeting’s names and each motion’s title, matter, labels and verdict words; format 1 ids and figures only */
                payload: {
                    [key: string]: unknown;
                };
                /** @description Ed25519, base64 */
                signature: string;
                /** @description SHA-256 (hex) of the signing key’s DER (SPKI) encoding */
                keyId: string;
                /** @description SPKI PEM */
                publicKey: string;
            } | null;
            /** @constant */
            keyPath: "/.well-known/gongjue/result-signing-key";
        };
        RegistryImport: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            estateId: string;
            /** @enum {string} */
            status: "previewed" | "applied" | "superseded";
            /** @description The registry version the diff was computed against */
            baseVersion: number;
            /** @enum {string} */
            format: "csv" | "json";
            /** @description Units in the file */
            units: number;
            counts: {
                added: number;
                removed: number;
                changed: number;
                transfers: number;
                ownerUpdates: number;
                unchanged: number;
            };
            diff: {
                added: string[];
                removed: string[];
                changed: {
                    registryNo: string;
                    fields: string[];
                }[];
                transfers: {
                    registryNo: string;
                    from: {
                        name: string;
                        /** @enum {string} */
                        kind: "person" | "organisation";
                        idType: string;
                        idTail: string;
                    }[];
                    to: {
                        name: string;
                        /** @enum {string} */
                        kind: "person" | "organisation";
                        idType: string;
                        idTail: string;
                    }[];
                }[];
                /** @description Lists show at most 200 entries each; counts are complete */
                truncated: boolean;
            };
            /** Format: date-time */
            createdAt: string;
            appliedAt: string | null;
        };
        RegistryUnit: {
            /** Format: uuid */
            id: string;
            registryNo: string;
            building: string;
            stair: string | null;
            room: string;
            area: string;
            /** @enum {string} */
            areaSource: "registry" | "surveyed" | "contract";
            /** @enum {string} */
            kind: "residential" | "commercial" | "parking";
            developerHeld: boolean;
            owners: {
                /** Format: uuid */
                id: string;
                /** @description Masked (张*) unless the caller is authorised staff */
                name: string;
                /** @enum {string} */
                kind: "person" | "organisation";
                /** @description Last 4 characters of the identity number; staff only */
                idTail: string | null;
                /** @description Masked (138****1234) unless the caller is authorised staff */
                phone: string | null;
                /** @description Bound to an account */
                verified: boolean;
                /** @description How strongly the binding was established (README "Identity assurance"); null: not bound */
                assurance: components["schemas"]["AssuranceLevel"] | null;
                /** @description The co-owner designated to cast the unit’s vote (R1.4) */
                representative: boolean;
                /** @description An organisation or the developer (holds developer-held units): verified only in person by township staff, with `organisation` (R5.2) */
                inPersonOnly: boolean;
            }[];
        };
        AssuranceMix: {
            /** @enum {string} */
            channel: "online" | "paper" | "proxy";
            level: components["schemas"]["AssuranceLevel"] | null;
            ballots: number;
        }[];
        ResultNotice: {
            /** @constant */
            format: "gongjue.result-notice";
            /** @constant */
            version: 1;
            estate: {
                /** Format: uuid */
                id: string;
                name: string;
            };
            meeting: {
                /** Format: uuid */
                id: string;
                /** @enum {string} */
                kind: "regular" | "temporary";
                title: string;
                /** Format: date-time */
                votingOpensAt: string;
                /** Format: date-time */
                votingClosesAt: string;
                closedAt: string | null;
                /** Format: date-time */
                publishedAt: string;
                local: {
                    timeZone: string;
                    votingOpens: string;
                    votingCloses: string;
                    published: string;
                };
            };
            filing: {
                /** @enum {string} */
                status: "awaiting_review" | "returned" | "certified" | "correction_ordered" | "revoked";
                certifiedAt: string | null;
                keyId: string | null;
                /** @description The public check page of this result in the owner app (`/check/{meetingId}`), offered once the township certified it; null before (and after a ruling against it) */
                checkPath: string | null;
            };
            /** @description R7.2: the objection window (询异公示); while its stage is not final the result is preliminary. null: published without one, final at publication */
            objectionWindow: components["schemas"]["ObjectionWindow"] | null;
            motions: {
                /** Format: uuid */
                motionId: string;
                position: number;
                title: string;
                matter: string;
                matterTitle: {
                    zh: string;
                    en: string;
                };
                kind: string;
                outcome: string;
                outcomeText: string;
                verdict: {
                    kind: string;
                    outcome: string;
                } & {
                    [key: string]: unknown;
                };
                /** @description The rule applied, as the tally engine reports it */
                rule: {
                    profile: string;
                    statute: {
                        zh: string;
                        en: string;
                    };
                } & {
                    [key: string]: unknown;
                };
                totals: {
                    TA: string;
                    TH: number;
                    PA: string;
                    PH: number;
                    didNotVote: {
                        area: string;
                        heads: number;
                    };
                    spoiled: {
                        area: string;
                        heads: number;
                    };
                };
                choices: {
                    area: string;
                    heads: number;
                    id: string;
                    label: {
                        zh: string;
                        en: string;
                    };
                }[];
                explanation: {
                    zh: string[];
                    en: string[];
                };
                /** Format: date-time */
                decidedAt: string;
                /** @description How many standing ballots came from each channel and, online, each level of identity assurance (README "Identity assurance"); paper and proxy: level null */
                assurance: components["schemas"]["AssuranceMix"];
                ballots: {
                    /** Format: uuid */
                    voterId: string;
                    /** @description Building, stairwell unit and room of each of the voter’s units */
                    units: string[];
                    /** @description Masked names, e.g. 张* */
                    owners: string[];
                    developer: boolean;
                    choice: unknown;
                    choiceText: string;
                    spoiled: boolean;
                    /** @enum {string} */
                    channel: "online" | "paper" | "proxy";
                    /** Format: date-time */
                    castAt: string;
                    version: number;
                    /** @description R4.4: the latest earlier ballot of this voter cast through another channel, which this one replaced; null if none */
                    replaced: {
                        /** @enum {string} */
                        channel: "online" | "paper" | "proxy";
                        version: number;
                    } | null;
                    /** Format: uuid */
                    ballotId: string;
                    /** @description The receipt given when this ballot was cast */
                    receipt: string;
                }[];
            }[];
        };
        Filing: {
            /** Format: uuid */
            meetingId: string;
            /** Format: uuid */
            estateId: string;
            /** Format: uuid */
            townshipId: string;
            /** @enum {string} */
            status: "awaiting_review" | "returned" | "certified" | "correction_ordered" | "revoked";
            updatedAt: string | null;
            certifiedAt: string | null;
            certifiedBy: string | null;
            keyId: string | null;
            publicKey: string | null;
            /** @description Ed25519, base64, over the canonical JSON of payload (docs/bundle.md) */
            signature: string | null;
            payload: {
                [key: string]: unknown;
            } | null;
            events: {
                /** @enum {string} */
                kind: "certified" | "returned" | "resubmitted" | "correction_ordered" | "revoked";
                actor: string;
                /** Format: date-time */
                at: string;
                text: string;
                reference: string | null;
            }[];
            /** @description Per motion id: the standing ballots per channel and level of identity assurance, to weigh before certifying */
            assurance: {
                [key: string]: components["schemas"]["AssuranceMix"];
            };
            /** @description R7.2: the result’s objection window; it is certified only once its stage is final. null: none (or not yet published) */
            objectionWindow: components["schemas"]["ObjectionWindow"] | null;
        };
        /** @description Everything `gongjue verify` needs: see docs/bundle.md */
        ResultBundle: {
            /** @constant */
            format: "gongjue.result-bundle";
            /** @constant */
            version: 3;
            /** Format: date-time */
            generatedAt: string;
            estate: {
                /** Format: uuid */
                id: string;
            } & {
                [key: string]: unknown;
            };
            township: {
                /** Format: uuid */
                id: string;
                name: string;
            } & {
                [key: string]: unknown;
            };
            meeting: {
                /** Format: uuid */
                id: string;
            } & {
                [key: string]: unknown;
            };
            motions: ({
                /** Format: uuid */
                motionId: string;
                record: {
                    [key: string]: unknown;
                };
                result: unknown;
                seal: unknown;
            } & {
                [key: string]: unknown;
            })[];
            certification: {
                [key: string]: unknown;
            } | null;
            audit: {
                chain: string;
                head: {
                    seq: number;
                    hash: string;
                };
                records: unknown[];
            } & {
                [key: string]: unknown;
            };
            objections: ({
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                motionId: string;
                /** @description Masked, as in the notice */
                owner: string;
                text: string;
            } & {
                [key: string]: unknown;
            })[];
            emergencyUses: {
                /** Format: date-time */
                from: string;
                /** Format: date-time */
                to: string;
                uses: ({
                    /** Format: uuid */
                    id: string;
                    amountFen: string;
                } & {
                    [key: string]: unknown;
                })[];
            } & {
                [key: string]: unknown;
            };
            proxyEndings: ({
                /** Format: uuid */
                proxyId: string;
                /** @description Masked, as in the notice */
                grantor: string;
                /** @description The holder’s phone, masked */
                holder: string;
                /** @enum {string} */
                how: "rejected" | "revoked_by_grantor" | "revoked_in_writing";
                /** Format: date-time */
                at: string;
                reason: string | null;
                revocationDocumentSha256: string | null;
            } & {
                [key: string]: unknown;
            })[];
            manifest: {
                objections: {
                    count: number;
                    sha256: string;
                };
                emergencyUses: {
                    count: number;
                    sha256: string;
                };
                proxyEndings: {
                    count: number;
                    sha256: string;
                };
            } & {
                [key: string]: unknown;
            };
        } & {
            [key: string]: unknown;
        };
        RoleAssignment: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            accountId: string;
            phone: string;
            /** @enum {string} */
            role: "admin" | "township_staff" | "committee" | "organiser";
            townshipId: string | null;
            estateId: string | null;
            /** Format: date-time */
            grantedAt: string;
        };
        /**
         * @example {
         *       "id": "3f1c2a9e-8d4b-4c1a-9f0e-2b7d5a6c8e10",
         *       "code": "350881001",
         *       "name": "桂林街道",
         *       "createdAt": "2026-11-22T08:00:00.000Z"
         *     }
         */
        Township: {
            /** Format: uuid */
            id: string;
            /** @description Administrative division code (行政区划代码), 9 or 12 digits */
            code: string;
            name: string;
            /** Format: date-time */
            createdAt: string;
        };
        EstateOverview: {
            estate: {
                /** Format: uuid */
                id: string;
                name: string;
            };
            committee: {
                members: number;
                organisers: number;
            };
            registry: {
                units: number;
                owners: number;
                importedAt: string | null;
            };
            meetingsInProgress: {
                /** Format: uuid */
                meetingId: string;
                title: string;
                /** Format: date-time */
                votingClosesAt: string;
                motions: number;
                /** @description The motion furthest from its quorum (heads first, then area) */
                furthest: {
                    electorate: {
                        /** @description m², exact, two decimals */
                        area: string;
                        heads: number;
                    };
                    tookPart: {
                        /** @description m², exact, two decimals */
                        area: string;
                        heads: number;
                    };
                    percent: {
                        area: string;
                        heads: string;
                    };
                    /** @description The tally engine’s quorum test on the motion’s rule; null where the rule has none */
                    quorum: {
                        threshold: string;
                        needed: {
                            /** @description m², exact, two decimals */
                            area: string;
                            heads: number;
                        };
                        missing: {
                            /** @description m², exact, two decimals */
                            area: string;
                            heads: number;
                        };
                        areaMet: boolean;
                        headsMet: boolean;
                        met: boolean;
                    } | null;
                    /** Format: uuid */
                    motionId: string;
                    position: number;
                    title: string;
                };
            }[];
            /** @description Tallied results awaiting the township’s review */
            awaitingFiling: number;
            petitions: {
                collecting: number;
                /** @description Reached 20 % of area and heads (R3.4) */
                reached: number;
            };
            /** @description Anomaly flags over the estate’s meetings (R7.3) */
            anomalies: number;
            /** @description Emergency uses of the maintenance fund the estate has filed (R4.9, R7.1) */
            emergencyUses: number;
        };
        AnomalyFlag: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            meetingId: string;
            /** @enum {string} */
            kind: "shared_phone" | "shared_address" | "proxy_near_cap" | "late_burst" | "paper_share" | "low_assurance" | "late_binding";
            /** @description What tells two flags of a kind apart: a masked phone or network, or the kind */
            key: string;
            /** @description The figures that raised the flag and the threshold (docs/console/township.md) */
            figures: {
                [key: string]: string | number;
            };
            /** @description The voters behind the flag, masked; at most 100 */
            voters: {
                /** @description Masked names, as in the notice */
                owners: string[];
                units: string[];
            }[];
            votersTotal: number;
            /** Format: date-time */
            flaggedAt: string;
        };
        FilingEvidence: {
            /** Format: uuid */
            meetingId: string;
            /** @description `gongjue verify` run by the service on its own export bundle, with its public key */
            verification: {
                verified: boolean;
                problems: string[];
                notes: string[];
                /** Format: date-time */
                checkedAt: string;
            };
            channels: {
                /** Format: uuid */
                motionId: string;
                online: number;
                paper: number;
                proxy: number;
                total: number;
                /** @description Whole percent, rounded down */
                onlinePercent: number;
                paperPercent: number;
                proxyPercent: number;
                assurance: {
                    /** @enum {string} */
                    channel: "online" | "paper" | "proxy";
                    level: components["schemas"]["AssuranceLevel"] | null;
                    ballots: number;
                }[];
            }[];
            anomalies: components["schemas"]["AnomalyFlag"][];
            /** @description Objections during the objection window (R7.2); null when the estate set none (objectionDays 0 when the result was published) */
            objections: {
                open: number;
                answered: number;
            } | null;
        };
        WebhookSubscription: {
            /** Format: uuid */
            id: string;
            estateId: string | null;
            townshipId: string | null;
            url: string;
            events: ("meeting.noticed" | "voting.opened" | "motion.closed" | "result.published" | "result.final" | "result.certified")[];
            description: string | null;
            /** Format: date-time */
            createdAt: string;
            disabledAt: string | null;
        };
        WebhookDelivery: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            subscriptionId: string;
            /** Format: uuid */
            eventId: string;
            eventType: string;
            /** @enum {string} */
            status: "pending" | "delivered" | "failed";
            attempts: number;
            nextAttemptAt: string | null;
            lastAttemptAt: string | null;
            lastStatusCode: number | null;
            lastError: string | null;
            deliveredAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        EstateRoles: {
            /** @description Oldest appointment first; each phone masked (138****1234) */
            items: components["schemas"]["RoleAssignment"][];
            /** @description Whether the caller may appoint and remove committee members and organisers here */
            mayAppoint: boolean;
            /** @description The roles that may appoint and remove them (of this estate or its township) */
            appointableBy: ("admin" | "township_staff" | "committee" | "organiser" | "owner" | "client")[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ready";
                        checks: {
                            database: {
                                /** @enum {string} */
                                status: "ok" | "failing" | "not_configured";
                                detail?: string;
                            };
                            redis: {
                                /** @enum {string} */
                                status: "ok" | "failing" | "not_configured";
                                detail?: string;
                            };
                        };
                        /** @description Queue depth and failures: information, never a reason to be unready */
                        jobs?: {
                            /**
                             * @description bullmq: Redis queues; in-process: no Redis, this instance runs every job; off: jobs run elsewhere
                             * @enum {string}
                             */
                            mode: "bullmq" | "in-process" | "off";
                            /** @description Depth and failures per queue (failed jobs are kept 15 minutes) */
                            queues: {
                                [key: string]: {
                                    waiting: number;
                                    delayed: number;
                                    active: number;
                                    failed: number;
                                };
                            };
                            webhooks: {
                                pending: number;
                                /** @description Deliveries waiting for an admin to replay them */
                                failed: number;
                            };
                        };
                        /** @description Online ballots on their way to the database, in this process */
                        ballots: {
                            /** @description Ballots received, waiting for a batch */
                            waiting: number;
                            /** @description Batches at the database now */
                            sending: number;
                            /** @description Batches sent since the process started */
                            batches: number;
                            /** @description Ballots sent since the process started (ballots ÷ batches: the mean batch) */
                            ballots: number;
                        };
                    };
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getResultSigningKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        algorithm: "Ed25519";
                        /** @description SHA-256 (hex) of the key’s DER (SPKI) encoding */
                        keyId: string;
                        /** @description SPKI PEM */
                        publicKey: string;
                    };
                };
            };
        };
    };
    requestLoginCode: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @example 13800138000 */
                    phone: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        expiresAt: string;
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    logIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @example 13800138000 */
                    phone: string;
                    code: string;
                    /**
                     * @description Where the refresh token goes: the JSON answer (API clients), or an HttpOnly cookie for the refresh route (browsers; then absent from the answer)
                     * @default body
                     * @enum {string}
                     */
                    refreshTokenIn?: "body" | "cookie";
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    refreshSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    refreshToken?: string;
                    /**
                     * Format: uuid
                     * @description Also read this meeting and my ballots on it with the new access token (withMeeting in the answer): an SMS link opens on one round trip
                     */
                    withMeeting?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RefreshedSession"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    logOutBrowser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Logged out */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    logOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    refreshToken: string;
                };
            };
        };
        responses: {
            /** @description Logged out */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    issueClientToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    grant_type: "client_credentials";
                    /** Format: uuid */
                    client_id: string;
                    client_secret: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        access_token: string;
                        /** @enum {string} */
                        token_type: "Bearer";
                        expires_in: number;
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listTownships: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Township"][];
                    };
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createTownship: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code: string;
                    name: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Township"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTownship: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                townshipId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Township"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listEstates: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                townshipId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Estate"][];
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createEstate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                townshipId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    address?: string;
                    timeZone?: string;
                    /** @description Estate settings; omitted ones take their defaults */
                    settings?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Estate"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getEstate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                estateId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Estate"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getEstateSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                estateId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EstateSettingsExplained"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    replaceEstateSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                estateId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Estate"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listTownshipStaff: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                townshipId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["RoleAssignment"][];
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    appointTownshipStaff: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                townshipId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @example 13800138000 */
                    phone: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoleAssignment"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    removeTownshipStaff: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                townshipId: string;
                assignmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listEstateRoles: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                estateId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EstateRoles"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    appointEstateRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                estateId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @example 13800138000 */
                    phone: string;
                    /** @enum {string} */
                    role: "committee" | "organiser";
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoleAssignment"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    removeEstateRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                estateId: string;
                assignmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listApiClients: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["ApiClient"][];
                    };
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createApiClient: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @enum {string} */
                    access: "read" | "read_write";
                    /** @default [] */
                    townshipIds?: string[];
                    /** @default [] */
                    estateIds?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        client: components["schemas"]["ApiClient"];
                        /** @description Shown only now; stored as a hash */
                        clientSecret: string;
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeApiClient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    previewRegistryImport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                estateId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegistryImport"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body has an unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The file has errors; nothing was imported */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getRegistryImport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                estateId: string;
                importId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegistryImport"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    applyRegistryImport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                estateId: string;
                importId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegistryImport"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listUnits: {
        parameters: {
            query?: {
                building?: string;
                stair?: string;
                /** @description A room number or its beginning */
                room?: string;
                /** @description true: only units with an owner not yet bound to an account */
                unverified?: "true" | "false";
                limit?: number;
                /** @description Registry number to continue after (from the previous page) */
                after?: string;
            };
            header?: never;
            path: {
                estateId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Units that pass the filters */
                        total: number;
                        /** @description What the caller may do with this registry (the permission rules, for the console) */
                        may: {
                            import: boolean;
                            readIdentities: boolean;
                            verifyInPerson: boolean;
                            verifyOrganisations: boolean;
                            designateRepresentative: boolean;
                        };
                        /** @description The roles that may import a registry file */
                        importableBy: ("admin" | "township_staff" | "committee" | "organiser" | "owner" | "client")[];
                        /** @description The estate's buildings and stairs, for the filters */
                        buildings: {
                            building: string;
                            stair: string | null;
                        }[];
                        items: components["schemas"]["RegistryUnit"][];
                        next: string | null;
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    verifyOwnerInPerson: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                estateId: string;
                ownerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @example 13800138000 */
                    phone: string;
                    /** @enum {string} */
                    documentType: "resident_id" | "hk_macao_permit" | "taiwan_permit" | "foreign_permanent_id" | "passport" | "uscc";
                    /** @description What was seen, e.g. "original ID card and property certificate" */
                    documentNote?: string;
                    /** @description Required for an organisation or the developer, refused for a person: the licence seen and who represented them */
                    organisation?: {
                        /** @description 统一社会信用代码 on the business licence seen; must be the registry’s */
                        licenceCreditCode: string;
                        representative: {
                            name: string;
                            /**
                             * @description authorised_agent: with the organisation’s written authorisation
                             * @enum {string}
                             */
                            capacity: "legal_representative" | "authorised_agent";
                            /** @enum {string} */
                            idType: "resident_id" | "hk_macao_permit" | "taiwan_permit" | "foreign_permanent_id" | "passport";
                            /** @description Stored only as an HMAC and its last 4 characters */
                            idNumber: string;
                        };
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        ownerId: string;
                        /** Format: uuid */
                        accountId: string;
                        replacedAccountId: string | null;
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The file has errors; nothing was imported */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    designateRepresentative: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                estateId: string;
                unitId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    ownerId: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        unitId: string;
                        /** Format: uuid */
                        representative: string;
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        accountId: string;
                        phone: string;
                        grants: ({
                            /** @enum {string} */
                            role: "admin";
                        } | {
                            /** @enum {string} */
                            role: "township_staff";
                            /** Format: uuid */
                            townshipId: string;
                        } | {
                            /** @enum {string} */
                            role: "committee";
                            /** Format: uuid */
                            estateId: string;
                        } | {
                            /** @enum {string} */
                            role: "organiser";
                            /** Format: uuid */
                            estateId: string;
                        } | {
                            /** @enum {string} */
                            role: "owner";
                            /** Format: uuid */
                            estateId: string;
                            /** Format: uuid */
                            ownerId: string;
                        } | {
                            /** @enum {string} */
                            role: "client";
                            /** @enum {string} */
                            access: "read" | "read_write";
                            /** @default [] */
                            townshipIds: string[];
                            /** @default [] */
                            estateIds: string[];
                        })[];
                        verifiedOwners: {
                            /** Format: uuid */
                            ownerId: string;
                            /** Format: uuid */
                            estateId: string;
                            estateName: string;
                            name: string;
                            level: components["schemas"]["AssuranceLevel"];
                            /** @description The level in an owner’s words, e.g. 姓名、证件号码和登记信息 */
                            levelWords: {
                                zh: string;
                                en: string;
                            };
                            /** @description Whether the level reaches the estate’s minimumAssurance now, so meetings opened from now on take this owner’s online ballots (a meeting keeps the minimum it opened with) */
                            votesOnline: boolean;
                        }[];
                        /** @description Whether this installation has a face-verification provider (POST /v1/me/face-checks) */
                        faceVerification: boolean;
                    };
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMyMeetings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        asOf: string;
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            estateId: string;
                            estateName: string;
                            /** @enum {string} */
                            kind: "regular" | "temporary";
                            title: string;
                            /** @enum {string} */
                            status: "noticed" | "open" | "closed" | "tallied" | "published" | "cancelled" | "discrepancy";
                            /** @enum {string} */
                            phase: "upcoming" | "open" | "closed" | "cancelled";
                            /** Format: date-time */
                            votingOpensAt: string;
                            /** Format: date-time */
                            votingClosesAt: string;
                            /** @description The instants in the estate's time zone */
                            local: {
                                timeZone: string;
                                votingOpens: string;
                                votingCloses: string;
                            };
                            noticedAt: string | null;
                            closedAt: string | null;
                            /** @description The results notice is out: GET /v1/meetings/{id}/results */
                            resultsPublished: boolean;
                            motions: number;
                            mayVoteOn: number;
                            votedOn: number;
                            /** @description Whether my verification reaches the level this meeting takes online ballots from (frozen when voting opened); null before voting opens */
                            levelEnough: boolean | null;
                        }[];
                    };
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    verifyMyself: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /**
                     * @default resident_id
                     * @enum {string}
                     */
                    idType?: "resident_id" | "hk_macao_permit" | "taiwan_permit" | "foreign_permanent_id" | "passport" | "uscc";
                    idNumber: string;
                    /** @description 不动产权证书号 of one of the owner’s units, as printed: the second factor that reaches registry_factor */
                    certificateNumber?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        verifiedOwners: {
                            /** Format: uuid */
                            ownerId: string;
                            /** Format: uuid */
                            estateId: string;
                            estateName: string;
                            name: string;
                            level: components["schemas"]["AssuranceLevel"];
                            /** @description The level in an owner’s words, e.g. 姓名、证件号码和登记信息 */
                            levelWords: {
                                zh: string;
                                en: string;
                            };
                            /** @description Whether the level reaches the estate’s minimumAssurance now, so meetings opened from now on take this owner’s online ballots (a meeting keeps the minimum it opened with) */
                            votesOnline: boolean;
                        }[];
                        /** @description The level of each binding this verification made or kept (factor: the second factor it reached registry_factor with) */
                        assurance: {
                            /** Format: uuid */
                            ownerId: string;
                            level: components["schemas"]["AssuranceLevel"];
                            factor: ("phone" | "property_certificate") | null;
                        }[];
                        /** @description A fresh access token that carries the new owner grants */
                        accessToken: string;
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The file has errors; nothing was imported */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    startFaceCheck: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @description 居民身份证 number: face verification checks resident identity cards only */
                    idNumber: string;
                    /**
                     * Format: uri
                     * @description Where the provider sends the owner back: a page of this service (the owner app, under PUBLIC_BASE_URL)
                     */
                    redirectUrl: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        checkId: string;
                        /** @description The provider’s page to open */
                        url: string;
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    completeFaceCheck: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                checkId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        verifiedOwners: {
                            /** Format: uuid */
                            ownerId: string;
                            /** Format: uuid */
                            estateId: string;
                            estateName: string;
                            name: string;
                            level: components["schemas"]["AssuranceLevel"];
                            /** @description The level in an owner’s words, e.g. 姓名、证件号码和登记信息 */
                            levelWords: {
                                zh: string;
                                en: string;
                            };
                            /** @description Whether the level reaches the estate’s minimumAssurance now, so meetings opened from now on take this owner’s online ballots (a meeting keeps the minimum it opened with) */
                            votesOnline: boolean;
                        }[];
                        /** @description The level of each binding this verification made or kept */
                        assurance: {
                            /** Format: uuid */
                            ownerId: string;
                            level: components["schemas"]["AssuranceLevel"];
                            factor: ("phone" | "property_certificate") | null;
                        }[];
                        accessToken: string;
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The file has errors; nothing was imported */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMyBindings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            ownerId: string;
                            /** Format: uuid */
                            estateId: string;
                            estateName: string;
                            name: string;
                            bindings: {
                                /** Format: uuid */
                                id: string;
                                /** @description Masked: 138****1234 */
                                phone: string;
                                /** @description This account */
                                you: boolean;
                                /** @enum {string} */
                                method: "self" | "in_person" | "face";
                                level: components["schemas"]["AssuranceLevel"];
                                /** @description The level in an owner’s words, e.g. 姓名、证件号码和登记信息 */
                                levelWords: {
                                    zh: string;
                                    en: string;
                                };
                                factor: ("phone" | "property_certificate") | null;
                                /** Format: date-time */
                                since: string;
                                endedAt: string | null;
                            }[];
                        }[];
                    };
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    endMyBinding: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ownerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        endedAt: string;
                        /** @enum {boolean} */
                        sessionsEnded: true;
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMyHoldings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                estateId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        estateId: string;
                        units: {
                            /** Format: uuid */
                            id: string;
                            registryNo?: string;
                            building: string;
                            stair: string | null;
                            room?: string;
                            /** @description m², exact, two decimals */
                            area: string;
                            /** @enum {string} */
                            kind: "residential" | "commercial" | "parking";
                            developerHeld: boolean;
                            /** @description Whether the unit adds weight (parking may not: countParking) */
                            counted: boolean;
                        }[];
                        voters: {
                            owners: {
                                /** Format: uuid */
                                id: string;
                                you: boolean;
                            }[];
                            developer: boolean;
                            units: string[];
                            area: string;
                            /** @enum {number} */
                            heads: 1;
                        }[];
                        estateTotal: {
                            /**
                             * @description m², exact, two decimals
                             * @example 2955.64
                             */
                            area: string;
                            heads: number;
                        };
                        settings: {
                            countParking: boolean;
                        };
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMyMessages: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        messages: {
                            id: string;
                            kind: string;
                            topic: string;
                            recipient: string;
                            estateId: string | null;
                            subjectId: string | null;
                            ownerId: string | null;
                            text: string;
                            link: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            readAt: string | null;
                        }[];
                        nextCursor: string | null;
                        unreadCount: number;
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    readMyMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                messageId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        unreadCount: number;
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    readAllMyMessages: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        marked: number;
                        unreadCount: number;
                    };
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMyMessagePreferences: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        owners: {
                            /** Format: uuid */
                            ownerId: string;
                            /** Format: uuid */
                            estateId: string;
                            name: string;
                            reminders: boolean;
                            /** @enum {boolean} */
                            legalNotice: true;
                        }[];
                    };
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setMyMessagePreferences: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    ownerId?: string;
                    reminders: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        owners: {
                            /** Format: uuid */
                            ownerId: string;
                            /** Format: uuid */
                            estateId: string;
                            name: string;
                            reminders: boolean;
                            /** @enum {boolean} */
                            legalNotice: true;
                        }[];
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMeetingDeliveries: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        kinds: {
                            kind: string;
                            inbox: number;
                            ownersNotified: number;
                            /** @description Everyone the messages of this kind went to, each once: owners, the accounts written to by phone (a proxy’s holder, the residents’ committee) and the bodies’ inboxes */
                            recipients: number;
                            sms: {
                                queued: number;
                                sent: number;
                                delivered: number;
                                failed: number;
                            };
                        }[];
                        failures: {
                            deliveryId: string;
                            kind: string;
                            /** @enum {string} */
                            channel: "sms";
                            phone: string;
                            reason: string;
                            attempts: number;
                            failedAt: string | null;
                        }[];
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    resendMeetingDeliveries: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        requeued: number;
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMeetings: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description Only meetings in these statuses, comma-separated, e.g. open,closed (a page of the console that is for some of them) */
                status?: string;
            };
            header?: never;
            path: {
                estateId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Meeting"][];
                        /** @description Meetings this caller may see, on every page */
                        total: number;
                        page: number;
                        pageSize: number;
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createMeeting: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                estateId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    kind: "regular" | "temporary";
                    title: string;
                    description?: string;
                    /** Format: date-time */
                    votingOpensAt: string;
                    /** Format: date-time */
                    votingClosesAt: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Meeting"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMeeting: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Meeting"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    changeDraftMeeting: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    kind?: "regular" | "temporary";
                    title?: string;
                    description?: string | null;
                    /** Format: date-time */
                    votingOpensAt?: string;
                    /** Format: date-time */
                    votingClosesAt?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Meeting"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getEstateRules: {
        parameters: {
            query?: {
                /** @description One matter; without it, all nine in the statute’s order */
                matter?: "rules_of_procedure" | "management_covenant" | "committee_election" | "property_manager" | "maintenance_fund_use" | "maintenance_fund_raise" | "rebuild" | "common_parts_use" | "other_major";
                kind?: "yes_no" | "options" | "election";
                /** @description A stairwell’s lift installation (R3.6): a rebuild motion that may need the stairwell’s own consent */
                liftInstallation?: "true" | "false";
            };
            header?: never;
            path: {
                estateId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            profile: string;
                            matter: string;
                            matterTitle: {
                                /** @description The matter’s item in 民法典 第二百七十八条, 1–9 */
                                item: number;
                                zh: string;
                                en: string;
                            };
                            test: string;
                            /** @description e.g. "≥ 2/3" of total area and heads; null where the profile has none */
                            quorum: string | null;
                            /** @description e.g. "> 1/2" or "≥ 3/4", of area and of heads */
                            approval: string;
                            base: string;
                            liftConsent: string | null;
                            statute: {
                                zh: string;
                                en: string;
                            };
                            /** @description The rule in one plain sentence for owners, e.g. "参与表决的面积和人数都要达到三分之二，同意的面积和人数都要达到四分之三" */
                            words: {
                                zh: string;
                                en: string;
                            };
                        }[];
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    addMotion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    matter: "rules_of_procedure" | "management_covenant" | "committee_election" | "property_manager" | "maintenance_fund_use" | "maintenance_fund_raise" | "rebuild" | "common_parts_use" | "other_major";
                    /** @enum {string} */
                    kind: "yes_no" | "options" | "election";
                    title: string;
                    /** @default  */
                    text?: string;
                    options?: {
                        id: string;
                        label: string;
                    }[];
                    candidates?: {
                        id: string;
                        name: string;
                    }[];
                    seats?: number;
                    /**
                     * @default {
                     *       "kind": "estate"
                     *     }
                     */
                    scope?: {
                        /** @enum {string} */
                        kind: "estate";
                    } | {
                        /** @enum {string} */
                        kind: "building";
                        building: string;
                    } | {
                        /** @enum {string} */
                        kind: "stair";
                        building: string;
                        stair: string;
                    };
                    /** @default false */
                    liftInstallation?: boolean;
                    /** @default [] */
                    documents?: {
                        name: string;
                        /** Format: uri */
                        url: string;
                        sha256: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Meeting"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    changeMotion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
                motionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    matter: "rules_of_procedure" | "management_covenant" | "committee_election" | "property_manager" | "maintenance_fund_use" | "maintenance_fund_raise" | "rebuild" | "common_parts_use" | "other_major";
                    /** @enum {string} */
                    kind: "yes_no" | "options" | "election";
                    title: string;
                    /** @default  */
                    text?: string;
                    options?: {
                        id: string;
                        label: string;
                    }[];
                    candidates?: {
                        id: string;
                        name: string;
                    }[];
                    seats?: number;
                    /**
                     * @default {
                     *       "kind": "estate"
                     *     }
                     */
                    scope?: {
                        /** @enum {string} */
                        kind: "estate";
                    } | {
                        /** @enum {string} */
                        kind: "building";
                        building: string;
                    } | {
                        /** @enum {string} */
                        kind: "stair";
                        building: string;
                        stair: string;
                    };
                    /** @default false */
                    liftInstallation?: boolean;
                    /** @default [] */
                    documents?: {
                        name: string;
                        /** Format: uri */
                        url: string;
                        sha256: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Meeting"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    removeMotion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
                motionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMeetingDocument: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
                attachmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The document */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    linkMeetingDocument: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
                attachmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The path and query to open, on this service’s origin: …/documents/{attachmentId}/download?expires=…&signature=… */
                        url: string;
                        /** @description When the link stops working (ISO 8601) */
                        expiresAt: string;
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    downloadMeetingDocumentByLink: {
        parameters: {
            query: {
                /** @description Unix seconds after which the link no longer opens */
                expires: number;
                /** @description The service’s signature of the meeting, the document and the expiry */
                signature: string;
            };
            header?: never;
            path: {
                meetingId: string;
                attachmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The document */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getResultNotice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResultNotice"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    publishNotice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Meeting"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    openVoting: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Meeting"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    cancelMeeting: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Meeting"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    closeMeeting: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Meeting"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTurnout: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            motionId: string;
                            tookPart: {
                                /**
                                 * @description m², exact, two decimals
                                 * @example 2955.64
                                 */
                                area: string;
                                heads: number;
                            };
                            electorate: {
                                /**
                                 * @description m², exact, two decimals
                                 * @example 2955.64
                                 */
                                area: string;
                                heads: number;
                            } | null;
                        }[];
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getParticipation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeetingParticipation"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getResults: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        meetingId: string;
                        items: {
                            /** Format: uuid */
                            motionId: string;
                            outcome: string;
                            /** Format: date-time */
                            decidedAt: string;
                            totals: unknown;
                            report: components["schemas"]["TallyReport"];
                        }[];
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMyBallots: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        minAssurance: components["schemas"]["AssuranceLevel"];
                        /** @description The strongest level of my bindings to owners of this estate; null: not a verified owner here */
                        level: components["schemas"]["AssuranceLevel"] | null;
                        items: {
                            /** Format: uuid */
                            motionId: string;
                            /** Format: uuid */
                            voterId: string;
                            owners: string[];
                            developer: boolean;
                            area: string;
                            current: {
                                choice: unknown;
                                spoiled: boolean;
                                /**
                                 * @description The channel of the ballot that stands (the latest, R4.4)
                                 * @enum {string}
                                 */
                                channel: "online" | "paper" | "proxy";
                                /** Format: date-time */
                                castAt: string;
                                version: number;
                                receipt: string;
                                /** @description Cast online by this account (else by a co-owner, an organiser or a proxy holder) */
                                byYou: boolean;
                            } | null;
                            /** @description Ballots after the first on this motion for this voter, of any channel: "已修改 N 次，以最后一次为准" */
                            changes: number;
                            assurance: {
                                required: components["schemas"]["AssuranceLevel"];
                                /** @description The strongest level of my bindings to this voter’s owners */
                                level: components["schemas"]["AssuranceLevel"] | null;
                                enough: boolean;
                            };
                            /** @description null: one owner casts this vote */
                            coOwners: {
                                count: number;
                                /**
                                 * @description any: each co-owner may cast the shared vote, the latest stands; representative: only the one they designated (R1.4)
                                 * @enum {string}
                                 */
                                rule: "any" | "representative";
                                representative: {
                                    you: boolean;
                                    /** @description Masked unless it is you */
                                    name: string;
                                } | null;
                            } | null;
                            /** @description Whether the ballot route would accept my online ballot now (decided by the same database function, writing nothing) and, if not, its problem type and detail */
                            cast: {
                                allowed: boolean;
                                refusal: {
                                    type: string;
                                    detail: string;
                                } | null;
                            };
                        }[];
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    castBallot: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                meetingId: string;
                motionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    voterId: string;
                    choice: string | string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BallotReceipt"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    enterPaperBallot: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
                motionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: uuid
                     * @description The voter (one head) of this motion, from GET …/electorate or the proxy listing
                     */
                    voterId?: string;
                    /**
                     * Format: uuid
                     * @description Instead of voterId: one of the voter’s units (the voter holding it in this motion’s electorate)
                     */
                    unitId?: string;
                    /** @description Instead of voterId: the registry number of one of the voter’s units */
                    registryNo?: string;
                    /**
                     * Format: uuid
                     * @description The owner who signed the paper, one of the voter’s owners; required for co-owners under coOwnerVoting "representative" (their representative)
                     */
                    signedBy?: string;
                    choice?: string | string[];
                    /** @default false */
                    spoiled?: boolean;
                    scan: {
                        /**
                         * Format: uuid
                         * @description An attachment of the meeting’s estate; its URL and SHA-256 are kept
                         */
                        attachmentId: string;
                    } | {
                        /** Format: uri */
                        url: string;
                        sha256: string;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaperBallot"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    findElectorateVoters: {
        parameters: {
            query?: {
                registryNo?: string;
                building?: string;
                stair?: string;
                /** @description Rooms numbered floor then two digits: 12 finds 1201…1299 */
                floor?: string;
                room?: string;
                /** @description A name, full or masked: matched by its masked form (张三 → 张*) */
                name?: string;
                limit?: number;
                /** @description `next` of the previous page */
                after?: string;
            };
            header?: never;
            path: {
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["ElectorateVoter"][];
                        /** @description Pass as `after` for the next page; null on the last */
                        next: string | null;
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listPaperBallots: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["PaperBallot"][];
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    readPaperBallotAgain: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
                entryId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The choice read off the paper, entered again */
                    choice?: string | string[];
                    /** @description true: the paper is spoiled (废票) */
                    spoiled?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        entry: components["schemas"]["PaperBallot"];
                        /** @enum {boolean} */
                        matches: true;
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    confirmPaperBallot: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
                entryId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description The choice read off the paper, entered again */
                    choice?: string | string[];
                    /** @description true: the paper is spoiled (废票) */
                    spoiled?: boolean;
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        entry: components["schemas"]["PaperBallot"];
                        receipt: components["schemas"]["BallotReceipt"];
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rejectPaperBallot: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
                entryId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        entry: components["schemas"]["PaperBallot"];
                        receipt: null;
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listProxies: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Proxy"][];
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    registerProxy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    grantorOwnerId: string;
                    /** @example 13800138000 */
                    holderPhone: string;
                    /**
                     * @description motion id → the choice the holder must cast
                     * @default null
                     */
                    instructions?: {
                        [key: string]: string | string[];
                    } | null;
                    document: {
                        /**
                         * Format: uuid
                         * @description An attachment of the meeting’s estate; its URL and SHA-256 are kept
                         */
                        attachmentId: string;
                    } | {
                        /** Format: uri */
                        url: string;
                        sha256: string;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Proxy"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    approveProxy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
                proxyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Proxy"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rejectProxy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
                proxyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Why, in writing: kept with the proxy and in the audit log */
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Proxy"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recordProxyRevocation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
                proxyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The scan of the signed revocation */
                    document: {
                        /**
                         * Format: uuid
                         * @description An attachment of the meeting’s estate; its URL and SHA-256 are kept
                         */
                        attachmentId: string;
                    } | {
                        /** Format: uri */
                        url: string;
                        sha256: string;
                    };
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Proxy"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMyProxies: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        held: components["schemas"]["HeldProxy"][];
                        granted: components["schemas"]["GrantedProxy"][];
                    };
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeMyProxy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                proxyId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Proxy"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    castProxyBallot: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
                motionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    proxyId: string;
                    /**
                     * Format: uuid
                     * @description The voter (one head) of this motion, from GET …/electorate or the proxy listing
                     */
                    voterId?: string;
                    /**
                     * Format: uuid
                     * @description Instead of voterId: one of the voter’s units (the voter holding it in this motion’s electorate)
                     */
                    unitId?: string;
                    /** @description Instead of voterId: the registry number of one of the voter’s units */
                    registryNo?: string;
                    choice: string | string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BallotReceipt"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    uploadAttachment: {
        parameters: {
            query: {
                /** @description The file’s name as shown and downloaded, e.g. 1栋101-表决票.jpg */
                name: string;
            };
            header?: never;
            path: {
                estateId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Attachment"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request body has an unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    downloadAttachment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                estateId: string;
                attachmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                    "image/jpeg": string;
                    "image/png": string;
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listCanvass: {
        parameters: {
            query?: {
                /** @description Not voted on this motion; without it: not voted on at least one motion open to the voter */
                motionId?: string;
                building?: string;
                stair?: string;
                /** @description Rooms numbered floor then two digits: 12 finds 1201…1299 */
                floor?: string;
                status?: components["schemas"]["CanvassStatusInput"] | "none";
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path: {
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        total: number;
                        page: number;
                        pageSize: number;
                        /** @description The buildings of the meeting’s electorate, to choose from */
                        buildings: string[];
                        items: components["schemas"]["CanvassVoter"][];
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getWalkingLists: {
        parameters: {
            query?: {
                /** @description Not voted on this motion; without it: not voted on at least one motion open to the voter */
                motionId?: string;
                building?: string;
                stair?: string;
                /** @description Rooms numbered floor then two digits: 12 finds 1201…1299 */
                floor?: string;
            };
            header?: never;
            path: {
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        estate: string;
                        meeting: string;
                        /** @description Local time of the estate, YYYY-MM-DD HH:MM */
                        printedAt: string;
                        /** @description Local time of the estate, YYYY-MM-DD HH:MM */
                        votingCloses: string;
                        total: number;
                        buildings: {
                            building: string;
                            rows: {
                                /** @description The voter’s units */
                                place: string;
                                /** @description Masked */
                                names: string;
                                status: components["schemas"]["CanvassStatus"] | null;
                            }[];
                        }[];
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listCanvassVisits: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
                voterId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["CanvassVisit"][];
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recordCanvassVisit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
                voterId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    status: components["schemas"]["CanvassStatusInput"];
                    note?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CanvassVisit"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revealCanvassPhone: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
                ownerId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        ownerId: string;
                        /** @description Masked */
                        name: string;
                        phone: string;
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    remindCanvassVoters: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    voterIds: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Voters chosen */
                        chosen: number;
                        /** @description Owners reminded: the owners of the chosen voters, less those who voted meanwhile, opted out, or were reminded today */
                        reminded: number;
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listPetitions: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                estateId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Petition"][];
                        total: number;
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createPetition: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                estateId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    purpose: "temporary_meeting" | "parking_expansion";
                    title: string;
                    /** @default  */
                    text?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Petition"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPetition: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                petitionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Petition"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    signPetition: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                petitionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Petition"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listWebhookSubscriptions: {
        parameters: {
            query?: {
                estateId?: string;
                townshipId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["WebhookSubscription"][];
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createWebhookSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    estateId?: string;
                    /** Format: uuid */
                    townshipId?: string;
                    /** Format: uri */
                    url: string;
                    events: ("meeting.noticed" | "voting.opened" | "motion.closed" | "result.published" | "result.final" | "result.certified")[];
                    description?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        subscription: components["schemas"]["WebhookSubscription"];
                        /** @description Shown only now: the key of the HMAC in the Gongjue-Signature header (docs/webhooks.md) */
                        secret: string;
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getWebhookSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                subscriptionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSubscription"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    disableWebhookSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                subscriptionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSubscription"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                status?: "pending" | "delivered" | "failed";
            };
            header?: never;
            path: {
                subscriptionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["WebhookDelivery"][];
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAllWebhookDeliveries: {
        parameters: {
            query?: {
                status?: "pending" | "delivered" | "failed";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["WebhookDelivery"][];
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    replayWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    publishResults: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        meetingId: string;
                        status: string;
                        /** Format: date-time */
                        publishedAt: string;
                        publishedNow: boolean;
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getResultNoticeHtml: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An HTML page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    lookUpReceipt: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
                receipt: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        receipt: string;
                        /** Format: uuid */
                        motionId: string;
                        motionTitle: string;
                        /** Format: uuid */
                        voterId: string;
                        ballot: {
                            /** Format: uuid */
                            ballotId: string;
                            version: number;
                            /** @enum {string} */
                            channel: "online" | "paper" | "proxy";
                            /** Format: date-time */
                            castAt: string;
                            choice: unknown;
                            choiceText: string;
                            spoiled: boolean;
                        };
                        /** @description true: this version is the one counted (the latest of the voter’s ballots) */
                        counted: boolean;
                        countedInstead: {
                            /** Format: uuid */
                            ballotId: string;
                            version: number;
                            /** @enum {string} */
                            channel: "online" | "paper" | "proxy";
                            /** Format: date-time */
                            castAt: string;
                            receipt: string;
                        } | null;
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    exportResultBundle: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResultBundle"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getFiling: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Filing"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    certifyResult: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Filing"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    returnResult: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reasons: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Filing"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    resubmitResult: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    response: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Filing"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recordRuling: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description revoked: by a court; correction_ordered: by the authorities
                     * @enum {string}
                     */
                    kind: "revoked" | "correction_ordered";
                    /** @description The judgment’s or order’s number, e.g. (2027)闽0881民初123号 */
                    reference: string;
                    text: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Filing"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listFilings: {
        parameters: {
            query?: {
                status?: "awaiting_review" | "returned" | "certified" | "correction_ordered" | "revoked" | "all";
            };
            header?: never;
            path: {
                townshipId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            meetingId: string;
                            /** Format: uuid */
                            estateId: string;
                            estateName: string;
                            title: string;
                            meetingStatus: string;
                            closedAt: string | null;
                            /** @enum {string} */
                            filingStatus: "awaiting_review" | "returned" | "certified" | "correction_ordered" | "revoked";
                            updatedAt: string | null;
                        }[];
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listObjections: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeetingObjections"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    raiseObjection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    motionId: string;
                    /**
                     * Format: uuid
                     * @description The voter (a row of the notice) the owner belongs to
                     */
                    voterId: string;
                    text: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeetingObjections"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    answerObjection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
                objectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    answer: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeetingObjections"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listTownshipObjections: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                townshipId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            meetingId: string;
                            /** Format: uuid */
                            motionId: string;
                            motionPosition: number;
                            motionTitle: string;
                            /** Format: uuid */
                            voterId: string;
                            /** @description The standing ballot when the objection was raised; null when none of the voter’s was recorded */
                            ballotId: string | null;
                            /** @description The owner who raised it, masked as in the notice */
                            owner: string;
                            /** @description Raised by the asking owner */
                            mine: boolean;
                            text: string;
                            /** Format: date-time */
                            createdAt: string;
                            answer: {
                                text: string;
                                /** Format: date-time */
                                at: string;
                            } | null;
                            /** Format: uuid */
                            estateId: string;
                            estateName: string;
                            meetingTitle: string;
                        }[];
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listEmergencyUses: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                estateId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["EmergencyUse"][];
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    fileEmergencyUse: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                estateId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description lift, fire_safety, water_supply or danger_to_persons; anything else is refused with not-an-emergency */
                    kind: string;
                    title: string;
                    reason: string;
                    /** @description The amount in fen (1/100 yuan) */
                    amountFen: number;
                    /**
                     * @description Quotes: attachments of the estate (PDF or image) uploaded first (POST …/attachments)
                     * @default []
                     */
                    quoteIds?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmergencyUse"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The file has errors; nothing was imported */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    acknowledgeEmergencyUse: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                useId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default  */
                    text?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmergencyUse"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    questionEmergencyUse: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                useId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    text: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmergencyUse"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    answerEmergencyUse: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                useId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    text: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmergencyUse"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listTownshipEmergencyUses: {
        parameters: {
            query?: {
                status?: "awaiting_review" | "acknowledged" | "questioned" | "all";
            };
            header?: never;
            path: {
                townshipId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["EmergencyUse"][];
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTownshipOverview: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                townshipId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["EstateOverview"][];
                        total: number;
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listTownshipAnomalies: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                townshipId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            meetingId: string;
                            /** @enum {string} */
                            kind: "shared_phone" | "shared_address" | "proxy_near_cap" | "late_burst" | "paper_share" | "low_assurance" | "late_binding";
                            /** @description What tells two flags of a kind apart: a masked phone or network, or the kind */
                            key: string;
                            /** @description The figures that raised the flag and the threshold (docs/console/township.md) */
                            figures: {
                                [key: string]: string | number;
                            };
                            /** @description The voters behind the flag, masked; at most 100 */
                            voters: {
                                /** @description Masked names, as in the notice */
                                owners: string[];
                                units: string[];
                            }[];
                            votersTotal: number;
                            /** Format: date-time */
                            flaggedAt: string;
                            /** Format: uuid */
                            estateId: string;
                            estateName: string;
                            meetingTitle: string;
                        }[];
                        total: number;
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMeetingAnomalies: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["AnomalyFlag"][];
                    };
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getFilingEvidence: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FilingEvidence"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Your verification is not strong enough for this vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The holder has already voted under this proxy; it can be revoked, not rejected */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPublicCheck: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicCheck"];
                };
            };
            /** @description The request could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The service is unavailable for a moment (`unavailable`) or not ready (`not-ready`); retry after `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
