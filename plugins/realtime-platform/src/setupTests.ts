import '@testing-library/jest-dom';

// The card tests render a full test app; a loaded 2-core runner can exceed jest's 5 s default.
jest.setTimeout(30_000);
