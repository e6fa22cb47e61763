// What the DynamoDB Local global setup hands to test files through vitest's provide/inject.
declare module 'vitest' {
  export interface ProvidedContext {
    /** The running DynamoDB Local, or null when Java is missing outside CI (tests skip). */
    dynamodbEndpoint: string | null;
  }
}

export {};
